import { describe, expect, it } from "vitest";
import { Actions, OperationStatus, Tags } from "@tim3/protocol";
import { AUTHORITY, holdings, mintTim3, redeemTim3 } from "@tim3/testing";
import { expectBackedAndConserved, find, operationOf, tim3Of, usdaOf, world } from "./support";

describe("each message and each request is processed once", () => {
  it("the same holder message delivered twice moves funds once", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    const env = w.sys.network.envelope(alice, w.sys.usda.pid, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: w.sys.lockManager.pid, [Tags.Quantity]: "300",
      [Tags.XAction]: Actions.Mint, [Tags.XRequestId]: "twice",
    });
    await w.sys.network.sendEnvelope(env);
    await w.sys.network.sendEnvelope(env);
    expect(await tim3Of(w.sys, alice)).toBe(300n);
    expect(await usdaOf(w.sys, alice)).toBe(999700n);
    await expectBackedAndConserved(w);
  });

  it("an internal message delivered twice (Deposit-Received, Mint-Tim3, Release) takes effect once", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    const log = await mintTim3(w.sys, alice, "100", "m");
    const internal = log.map((d) => d.envelope).filter((e) =>
      [Actions.DepositReceived, Actions.MintTim3, Actions.CreditNotice].includes(e.tags[Tags.Action] as never) && e.owner === AUTHORITY);
    expect(internal.length).toBeGreaterThanOrEqual(3);
    for (const e of internal) await w.sys.network.sendEnvelope(e);
    const log2 = await redeemTim3(w.sys, alice, "40", "r");
    for (const e of log2.map((d) => d.envelope).filter((e) => e.tags[Tags.Action] === Actions.Release)) {
      await w.sys.network.sendEnvelope(e);
    }
    expect(await tim3Of(w.sys, alice)).toBe(60n);
    expect(await usdaOf(w.sys, alice)).toBe(999940n);
    expect((await holdings(w.sys)).locked).toBe("60");
    await expectBackedAndConserved(w);
  });

  it("a second deposit that reuses a request id is refunded with the reason; the first stands", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    await mintTim3(w.sys, alice, "100", "same-id");
    const log = await mintTim3(w.sys, alice, "200", "same-id");
    const refund = find(log, alice, Actions.CreditNotice, w.sys.usda.pid);
    expect(refund?.tags[Tags.XReason]).toBe("Request id same-id was used already; choose a new X-Request-Id");
    expect(refund?.tags[Tags.Quantity]).toBe("200");
    expect(await tim3Of(w.sys, alice)).toBe(100n);
    const op = await operationOf(w.sys, alice, "same-id");
    expect(op[Tags.Status]).toBe(OperationStatus.Completed);
    expect(op[Tags.Quantity]).toBe("100");
    await expectBackedAndConserved(w);
  });

  it("a redeem that reuses a request id gets its TIM3 back", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    await mintTim3(w.sys, alice, "100", "id-1");
    const log = await redeemTim3(w.sys, alice, "10", "id-1");
    expect(find(log, alice, Actions.CreditNotice, w.sys.tokenManager.pid)?.tags[Tags.XReason]).toContain("was used already");
    expect(await tim3Of(w.sys, alice)).toBe(100n);
    await expectBackedAndConserved(w);
  });
});
