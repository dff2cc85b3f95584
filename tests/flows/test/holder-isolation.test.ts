/**
 * Issue 12, class 1: request ids. A holder's X-Request-Id is a label scoped to that holder; every value-moving step
 * is keyed by what the processes recorded themselves (the deposit's or the redeem notice's message id). Nothing a
 * stranger does with the same label, and nothing any memory forgets, can touch another holder's operation.
 */
import { describe, expect, it } from "vitest";
import { Actions, OperationKind, OperationStatus, Tags } from "@tim3/protocol";
import { mintTim3, redeemTim3, shrinkBoundedMemories } from "@tim3/testing";
import { expectBackedAndConserved, operationOf, tim3Of, usdaOf, world } from "./support";

/** Rings a flush can empty; the message-id memory and the audit log are flushed separately (replay tests). */
const KEEP = ["core.seen.ring", "core.audit"];

describe("holders are isolated: a request id is a label scoped to its holder", () => {
  it("a stranger who uses a victim's request id first changes nothing about the victim's mint", async () => {
    const w = await world(2);
    const [victim, stranger] = w.holders;
    await mintTim3(w.sys, stranger, "1", "order-42");
    await mintTim3(w.sys, victim, "100", "order-42");
    expect(await tim3Of(w.sys, victim)).toBe(100n);
    const op = await operationOf(w.sys, victim, "order-42");
    expect(op[Tags.Holder]).toBe(victim);
    expect(op[Tags.Kind]).toBe(OperationKind.Mint);
    expect(op[Tags.Status]).toBe(OperationStatus.Completed);
    expect(op[Tags.Quantity]).toBe("100");
    await expectBackedAndConserved(w);
  });

  it("predictable ids used first by a stranger and then forgotten never complete the victim's operations unpaid", async () => {
    const w = await world(2);
    const [victim, stranger] = w.holders;
    await shrinkBoundedMemories(w.sys.coordinator, "Coordinator", 1, KEEP);
    await mintTim3(w.sys, stranger, "10", "inv-1");
    await redeemTim3(w.sys, stranger, "1", "inv-2");
    // Dust operations push the stranger's records out of the Coordinator's memory of finished operations.
    await mintTim3(w.sys, stranger, "1", "dust-1");
    await mintTim3(w.sys, stranger, "1", "dust-2");
    await mintTim3(w.sys, victim, "100", "inv-1");
    expect(await tim3Of(w.sys, victim)).toBe(100n);
    expect((await operationOf(w.sys, victim, "inv-1"))[Tags.Status]).toBe(OperationStatus.Completed);
    await redeemTim3(w.sys, victim, "50", "inv-2");
    expect(await usdaOf(w.sys, victim)).toBe(1_000_000n - 100n + 50n);
    expect(await tim3Of(w.sys, victim)).toBe(50n);
    await expectBackedAndConserved(w);
  });

  it("a request id forgotten by one process but not another never pays a redeem without its burn", async () => {
    const w = await world(2);
    const [alice, stranger] = w.holders;
    await shrinkBoundedMemories(w.sys.coordinator, "Coordinator", 1, KEEP);
    await shrinkBoundedMemories(w.sys.lockManager, "LockManager", 1, KEEP);
    await mintTim3(w.sys, alice, "100", "a-1");
    await redeemTim3(w.sys, alice, "10", "a-2");
    await mintTim3(w.sys, stranger, "1", "s-1");
    await mintTim3(w.sys, stranger, "1", "s-2");
    await redeemTim3(w.sys, stranger, "1", "s-3");
    // The same holder reuses its own id: a clean refusal with the TIM3 returned, never a second payment.
    await redeemTim3(w.sys, alice, "10", "a-2");
    expect(await tim3Of(w.sys, alice)).toBe(90n);
    expect(await usdaOf(w.sys, alice)).toBe(1_000_000n - 100n + 10n);
    await expectBackedAndConserved(w);
  });

  it("copying a victim's pending mint id into a 1-unit redeem neither refunds the victim nor shows as the victim's", async () => {
    const w = await world(2);
    const [victim, attacker] = w.holders;
    await mintTim3(w.sys, attacker, "10", "attacker-own");
    // The victim's mint takes three hops to reach the Coordinator; the attacker's redeem two.
    w.sys.network.hold((e) => e.tags[Tags.Action] === Actions.DepositReceived);
    await mintTim3(w.sys, victim, "100", "pay-7");
    await redeemTim3(w.sys, attacker, "1", "pay-7");
    w.sys.network.release();
    await w.sys.network.runUntilQuiet();
    expect(await tim3Of(w.sys, victim)).toBe(100n);
    const op = await operationOf(w.sys, victim, "pay-7");
    expect(op[Tags.Holder]).toBe(victim);
    expect(op[Tags.Kind]).toBe(OperationKind.Mint);
    expect(op[Tags.Status]).toBe(OperationStatus.Completed);
    const theirs = await operationOf(w.sys, attacker, "pay-7");
    expect(theirs[Tags.Holder]).toBe(attacker);
    expect(theirs[Tags.Kind]).toBe(OperationKind.Redeem);
    await expectBackedAndConserved(w);
  });
});
