import { describe, expect, it } from "vitest";
import { Actions, OperationStatus, Tags } from "@tim3/protocol";
import { holdings, mintTim3, redeemTim3 } from "@tim3/testing";
import { expectBackedAndConserved, find, operationOf, tim3Of, usdaOf, world } from "./support";

describe("redeem: return TIM3, receive USDA", () => {
  it("gives the holder the same quantity of USDA, with the request id on the Credit-Notice, in 4 messages", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    await mintTim3(w.sys, alice, "400000", "m1");
    const log = await redeemTim3(w.sys, alice, "150000", "r1");
    const credit = find(log, alice, Actions.CreditNotice, w.sys.usda.pid);
    expect(credit?.tags[Tags.Quantity]).toBe("150000");
    expect(credit?.tags[Tags.XRequestId]).toBe("r1");
    // TIM3 Credit-Notice → Release → USDA Transfer → USDA Credit-Notice.
    expect(credit?.depth).toBe(4);
    expect(await tim3Of(w.sys, alice)).toBe(250000n);
    expect(await usdaOf(w.sys, alice)).toBe(750000n);
    expect((await operationOf(w.sys, alice, "r1"))[Tags.Status]).toBe(OperationStatus.Completed);
    expect((await holdings(w.sys)).tim3Supply).toBe("250000");
    await expectBackedAndConserved(w);
  });

  it("redeeming everything leaves no supply and no locked USDA", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    await mintTim3(w.sys, alice, "1000000");
    await redeemTim3(w.sys, alice, "1000000");
    const h = await holdings(w.sys);
    expect(h.tim3Supply).toBe("0");
    expect(h.locked).toBe("0");
    expect(await usdaOf(w.sys, alice)).toBe(1000000n);
    await expectBackedAndConserved(w);
  });

  it("a redeem over the holder's balance is a Transfer-Error and nothing is lost", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    await mintTim3(w.sys, alice, "100");
    const log = await redeemTim3(w.sys, alice, "101", "too-much");
    const error = find(log, alice, Actions.TransferError);
    expect(error?.tags[Tags.Error]).toBe("Insufficient balance");
    expect(error?.tags[Tags.MessageId]).toBe(log[0].envelope.id);
    expect(await tim3Of(w.sys, alice)).toBe(100n);
    await expectBackedAndConserved(w);
  });
});
