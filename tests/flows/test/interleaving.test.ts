import { describe, expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { holdings } from "@tim3/testing";
import { expectBackedAndConserved, world } from "./support";

describe("several holders at once", () => {
  it("interleaved mints, redeems and transfers keep the backing and every holder's funds", async () => {
    const w = await world(4, 10_000n);
    const net = w.sys.network;
    const [a, b, c, d] = w.holders;
    const mint = (h: string, q: string) => net.post(h, w.sys.usda.pid, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: w.sys.lockManager.pid, [Tags.Quantity]: q, [Tags.XAction]: Actions.Mint,
    });
    const redeem = (h: string, q: string) => net.post(h, w.sys.tokenManager.pid, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: w.sys.coordinator.pid, [Tags.Quantity]: q, [Tags.XAction]: Actions.Redeem,
    });
    const send = (h: string, to: string, q: string) => net.post(h, w.sys.tokenManager.pid, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: to, [Tags.Quantity]: q,
    });
    for (const h of w.holders) mint(h, "5000");
    await net.runUntilQuiet();
    // All of these are queued together, so their cascades interleave message by message.
    redeem(a, "1000");
    send(b, c, "2500");
    mint(d, "3000");
    redeem(c, "7000");
    send(a, d, "4000");
    mint(b, "1");
    redeem(d, "9000");
    await net.runUntilQuiet();
    const h = await holdings(w.sys);
    expect(h.tim3[a] ?? "0").toBe("0");
    expect(h.tim3[c] ?? "0").toBe("500");
    expect(h.tim3[b] ?? "0").toBe("2501");
    expect(h.tim3[d] ?? "0").toBe("3000");
    expect(h.tim3Supply).toBe("6001");
    // Holder totals change only by the TIM3 they gave each other.
    await expectBackedAndConserved(w, { [b]: -2500n, [c]: 2500n, [a]: -4000n, [d]: 4000n });
  });
});
