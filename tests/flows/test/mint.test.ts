import { describe, expect, it } from "vitest";
import { Actions, OperationStatus, Tags } from "@tim3/protocol";
import { defaultUsdaKind, holdings, mintTim3 } from "@tim3/testing";
import { expectBackedAndConserved, find, operationOf, tim3Of, usdaOf, world } from "./support";

describe("mint: lock USDA, receive TIM3", () => {
  it("gives the holder the same quantity of TIM3, with the request id on the Credit-Notice, in 4 messages", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    const log = await mintTim3(w.sys, alice, "250000", "alice-mint-1");
    const credit = find(log, alice, Actions.CreditNotice, w.sys.tokenManager.pid);
    expect(credit?.tags[Tags.Quantity]).toBe("250000");
    expect(credit?.tags[Tags.XRequestId]).toBe("alice-mint-1");
    // Critical path after the holder's own message: USDA Credit-Notice → Deposit-Received → Mint-Tim3 → TIM3 Credit-Notice.
    expect(credit?.depth).toBe(4);
    expect(await tim3Of(w.sys, alice)).toBe(250000n);
    expect(await usdaOf(w.sys, alice)).toBe(750000n);
    const op = await operationOf(w.sys, alice, "alice-mint-1");
    expect(op[Tags.Status]).toBe(OperationStatus.Completed);
    expect(op[Tags.Kind]).toBe("mint");
    await expectBackedAndConserved(w);
  });

  it("derives a request id from the message when the holder gives none", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    const log = await mintTim3(w.sys, alice, "5");
    const credit = find(log, alice, Actions.CreditNotice, w.sys.tokenManager.pid);
    const requestId = credit?.tags[Tags.XRequestId] ?? "";
    expect(requestId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await operationOf(w.sys, alice, requestId))[Tags.Status]).toBe(OperationStatus.Completed);
    await expectBackedAndConserved(w);
  });

  it("mints the largest quantity the USDA can hold, exactly: 2^256-1 (2^255-1 on a blueprint-like USDA)", async () => {
    // TIM3 and mock-usda take any quantity below 2^256; the aos token blueprint parses quantities with a signed
    // 256-bit bint, so 2^256-1 reads as -1 there and its largest transfer is 2^255-1.
    const largest = defaultUsdaKind() === "blueprint" ? 2n ** 255n - 1n : 2n ** 256n - 1n;
    const w = await world(1, largest);
    const [alice] = w.holders;
    const all = largest.toString();
    await mintTim3(w.sys, alice, all, "max");
    expect((await holdings(w.sys)).tim3Supply).toBe(all);
    await expectBackedAndConserved(w);
  });
});
