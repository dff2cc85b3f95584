/**
 * Tokens sent to a TIM3 process that takes none of them go back to their sender, with X-Action = Refund and a
 * readable X-Reason: USDA to the Coordinator, Token Manager or State Manager; TIM3 to the Lock Manager, the Token
 * Manager itself or the State Manager. Only the genuine token's notice moves anything: a forged Credit-Notice, from a
 * wallet or from another process, moves nothing, and nothing is ever sent to the token process as a recipient.
 */
import { describe, expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { AosProcess, mintTim3, newId, type Tim3System } from "@tim3/testing";
import { expectBackedAndConserved, world, type World } from "./support";

type Token = "usda" | "tim3";
const tokenPid = (sys: Tim3System, token: Token) => (token === "usda" ? sys.usda.pid : sys.tokenManager.pid);

async function balanceOf(sys: Tim3System, token: Token, account: string): Promise<string> {
  const [reply] = await sys.network.query(newId(), tokenPid(sys, token), { [Tags.Action]: Actions.Balance, [Tags.Target]: account });
  return reply.tags[Tags.Balance];
}

/** Sends `quantity` of `token` from the holder to `target` and checks it all came back with a reason. */
async function expectReturned(w: World, holder: string, token: Token, target: string, expectedReason: RegExp): Promise<void> {
  const { sys } = w;
  const before = await balanceOf(sys, token, holder);
  const log = await sys.network.send(holder, tokenPid(sys, token), {
    [Tags.Action]: Actions.Transfer, [Tags.Recipient]: target, [Tags.Quantity]: "7", [Tags.XRequestId]: "oops-1",
  });
  expect(await balanceOf(sys, token, holder)).toBe(before);
  expect(await balanceOf(sys, token, target)).toBe("0");
  const refund = log.map((d) => d.envelope).find((e) => e.target === holder && e.tags[Tags.Action] === Actions.CreditNotice && e.tags[Tags.XAction] === Actions.Refund);
  expect(refund, "a refund Credit-Notice reaches the holder").toBeDefined();
  expect(refund!.from).toBe(tokenPid(sys, token));
  expect(refund!.tags[Tags.Sender]).toBe(target);
  expect(refund!.tags[Tags.Quantity]).toBe("7");
  expect(refund!.tags[Tags.XReason]).toMatch(expectedReason);
  // The token process is never a recipient of the returned tokens.
  const toToken = log.flatMap((d) => d.outbox).filter((o) => o.tags[Tags.Action] === Actions.Transfer && o.tags[Tags.Recipient] === tokenPid(sys, token));
  expect(toToken).toEqual([]);
}

describe("misdirected tokens go back to their sender", () => {
  it("USDA sent to the Coordinator, the Token Manager or the State Manager", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    await expectReturned(w, alice, "usda", w.sys.coordinator.pid, /^USDA sent to the TIM3 Coordinator is returned: .*X-Action = Mint/);
    await expectReturned(w, alice, "usda", w.sys.tokenManager.pid, /^USDA sent to the TIM3 Token Manager is returned/);
    await expectReturned(w, alice, "usda", w.sys.stateManager.pid, /^USDA sent to the TIM3 State Manager is returned/);
    await expectBackedAndConserved(w);
  });

  it("TIM3 sent to the Lock Manager, the Token Manager itself or the State Manager", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    await mintTim3(w.sys, alice, "100");
    await expectReturned(w, alice, "tim3", w.sys.lockManager.pid, /^TIM3 sent to the TIM3 Lock Manager is returned: .*X-Action = Redeem/);
    await expectReturned(w, alice, "tim3", w.sys.tokenManager.pid, /^TIM3 sent to the TIM3 Token Manager is returned/);
    await expectReturned(w, alice, "tim3", w.sys.stateManager.pid, /^TIM3 sent to the TIM3 State Manager is returned/);
    expect(await balanceOf(w.sys, "tim3", alice)).toBe("100");
    await expectBackedAndConserved(w);
  });

  it("a forged Credit-Notice, from a wallet or from another process, moves nothing", async () => {
    const w = await world(1);
    const { sys } = w;
    const [alice] = w.holders;
    await mintTim3(sys, alice, "100");
    // No Transfer leaves any process on a forged notice, and the forger receives nothing.
    const thief = newId();
    const fake = await AosProcess.spawn({ owner: thief });
    await fake.eval(`Handlers.add("forge", "Forge", function(m) ao.send({ Target = m.Tags.To, Action = "Credit-Notice", Sender = "${thief}", Quantity = "50" }) end)`);
    sys.network.add(fake.pid, fake);
    const targets = [sys.coordinator.pid, sys.tokenManager.pid, sys.stateManager.pid, sys.lockManager.pid];
    for (const target of targets) {
      const byWallet = await sys.network.send(thief, target, { [Tags.Action]: Actions.CreditNotice, [Tags.Sender]: thief, [Tags.Quantity]: "50" });
      const byProcess = await sys.network.send(thief, fake.pid, { [Tags.Action]: "Forge", To: target });
      for (const log of [byWallet, byProcess]) {
        const transfers = log.flatMap((d) => d.outbox).filter((o) => o.tags[Tags.Action] === Actions.Transfer);
        expect(transfers, `no Transfer on a forged notice to ${target}`).toEqual([]);
      }
    }
    expect(await balanceOf(sys, "usda", thief)).toBe("0");
    expect(await balanceOf(sys, "tim3", thief)).toBe("0");
    await expectBackedAndConserved(w);
  });
});
