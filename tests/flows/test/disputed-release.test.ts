/**
 * Issue 12, the residual release race: a blueprint token's Transfer-Error cannot name who sent the failed transfer,
 * so it never moves value. It makes the release disputed (counted neither as locked nor as paid), pauses redeeming,
 * and waits for USDA's Debit-Notice for it (a real payment) or the admin's Resolve-Release (PROTOCOL.md).
 */
import { describe, expect, it } from "vitest";
import { Actions, CacheKeys, ErrorCodes, OperationStatus, ReleaseOutcomes, Tags, type OperationRecord } from "@tim3/protocol";
import { holdings, mintTim3, redeemTim3, seizeUsda, type Envelope } from "@tim3/testing";
import { adminSend, expectBackedAndConserved, find, operationOf, redeemAwaitingItsTransfer, tim3Of, usdaOf, world, type World } from "./support";

interface Breaker {
  mintPaused: boolean;
  redeemPaused: boolean;
  redeemTripped: boolean;
  trip: string;
  reason: string;
}

const breakerOf = (w: World) => w.sys.stateManager.read<Breaker>("StateManager.breaker");
const releaseOf = (w: World, key: string) => w.sys.lockManager.read<{ status: string }>(`LockManager.releases["${key}"]`);
const resolve = (key: string, outcome: string) => ({ [Tags.Action]: Actions.ResolveRelease, [Tags.Operation]: key, [Tags.Outcome]: outcome });

/** What a resolution must not change when it is refused or replayed. */
async function books(w: World, key: string) {
  const h = await holdings(w.sys);
  return {
    locked: h.locked, supply: h.tim3Supply, tim3: h.tim3, usda: h.usda,
    release: (await releaseOf(w, key)).status,
    disputed: await w.sys.lockManager.read<string>("LockManager.disputed"),
  };
}

describe("a release USDA answers with a Transfer-Error is disputed, never refunded on USDA's word", () => {
  it("a really failed release waits for the admin; Resolve-Release failed refunds the TIM3 exactly once", async () => {
    const w = await world(2, 1_000_000n, undefined, "blueprint");
    const [alice, mallory] = w.holders;
    await mintTim3(w.sys, alice, "100", "m");
    // The USDA leaves the Lock Manager outside TIM3: its transfer for the redeem fails at USDA.
    await seizeUsda(w.sys, w.sys.lockManager.pid, "100");
    await redeemTim3(w.sys, alice, "50", "r");
    const op = await operationOf(w.sys, alice, "r");
    const key = op[Tags.Operation];
    expect(op[Tags.Status]).toBe(OperationStatus.Disputed);
    expect(op[Tags.Reason]).toMatch(/admin/);
    // The admin finds it in what the Coordinator exposes.
    const listed = w.sys.coordinator.readCache(CacheKeys.DisputedOperations) as OperationRecord[];
    expect(listed.map((o) => [o.operation, o.status])).toEqual([[key, OperationStatus.Disputed]]);
    // Nothing came back on USDA's word: no TIM3 minted back, the USDA counted neither as locked nor as paid.
    expect(await tim3Of(w.sys, alice)).toBe(50n);
    const h = await holdings(w.sys);
    expect([h.locked, h.tim3Supply]).toEqual(["50", "50"]);
    expect(await w.sys.lockManager.read<string>("LockManager.disputed")).toBe("50");
    expect(await w.sys.stateManager.read<string>("StateManager.reports.disputed")).toBe("50");
    const tripped = await breakerOf(w);
    expect([tripped.mintPaused, tripped.redeemPaused, tripped.redeemTripped, tripped.trip]).toEqual([true, true, true, "dispute"]);
    // Redeeming is paused: a new redeem is refused with its TIM3 returned, not paid.
    await redeemTim3(w.sys, alice, "10", "r2");
    expect((await operationOf(w.sys, alice, "r2"))[Tags.Status]).toBe(OperationStatus.Refunded);
    expect(await tim3Of(w.sys, alice)).toBe(50n);
    // The admin's Resume does not lift the redeem pause while the release is disputed.
    await adminSend(w, w.sys.stateManager.pid, { [Tags.Action]: Actions.Resume, [Tags.Scope]: "All" });
    expect((await breakerOf(w)).redeemPaused).toBe(true);

    // Only the admin resolves: anyone else is refused with Not-Admin and nothing changes.
    const before = await books(w, key);
    const log = await w.sys.network.send(mallory, w.sys.lockManager.pid, resolve(key, ReleaseOutcomes.Failed));
    const refused = find(log, mallory, "Resolve-Release-Error");
    expect(refused?.tags[Tags.ErrorCode]).toBe(ErrorCodes.NotAdmin);
    expect(await books(w, key)).toEqual(before);
    const malformed = await adminSend(w, w.sys.lockManager.pid, resolve(key, "maybe"));
    expect(malformed?.tags[Tags.ErrorCode]).toBe(ErrorCodes.Malformed);
    expect(await books(w, key)).toEqual(before);

    const adminLog = await w.sys.network.send(w.sys.admin, w.sys.lockManager.pid, resolve(key, ReleaseOutcomes.Failed));
    expect(find(adminLog, w.sys.admin, Actions.ResolveReleaseDone)).toBeDefined();
    const refunded = await operationOf(w.sys, alice, "r");
    expect(refunded[Tags.Status]).toBe(OperationStatus.Refunded);
    expect(refunded[Tags.Reason]).toMatch(/unpaid/);
    expect(await tim3Of(w.sys, alice)).toBe(100n);
    expect(await usdaOf(w.sys, alice)).toBe(1_000_000n - 100n);
    const after = await holdings(w.sys);
    expect([after.locked, after.tim3Supply]).toEqual(["100", "100"]);
    expect(w.sys.coordinator.readCache(CacheKeys.DisputedOperations)).toEqual([]);
    const cleared = await breakerOf(w);
    expect([cleared.mintPaused, cleared.redeemPaused, cleared.redeemTripped, cleared.trip]).toEqual([false, false, false, ""]);

    // The same Resolve delivered again, or a second one: nothing changes, no second refund.
    const resolved = await books(w, key);
    const resolveMsg = adminLog[0].envelope;
    w.sys.network.requeue(resolveMsg);
    await w.sys.network.runUntilQuiet();
    expect(await books(w, key)).toEqual(resolved);
    const again = await adminSend(w, w.sys.lockManager.pid, resolve(key, ReleaseOutcomes.Failed));
    expect(again?.tags[Tags.ErrorCode]).toBe(ErrorCodes.AlreadyFinal);
    const paidNow = await adminSend(w, w.sys.lockManager.pid, resolve(key, ReleaseOutcomes.Paid));
    expect(paidNow?.tags[Tags.ErrorCode]).toBe(ErrorCodes.AlreadyFinal);
    expect(await books(w, key)).toEqual(resolved);
  });

  it("a raced Transfer-Error whose real payment's Debit-Notice was lost: Resolve-Release paid completes it, and the late Debit-Notice changes nothing", async () => {
    const { w, victim, attacker, lm, usda, release, key } = await redeemAwaitingItsTransfer();
    const reference = key + "/" + release.id;
    await w.sys.network.send(attacker, usda, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: victim, [Tags.Quantity]: "50000000", "Reply-To": lm, [Tags.XReference]: reference,
    });
    expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Disputed);
    // The Lock Manager's Transfer reaches USDA and pays; USDA's Debit-Notice to it is slow.
    w.sys.network.release();
    w.sys.network.hold((e) => e.from === usda && e.target === lm && e.tags[Tags.Action] === Actions.DebitNotice);
    await w.sys.network.runUntilQuiet();
    expect(await usdaOf(w.sys, victim)).toBe(1_000_000n - 50n);
    expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Disputed);
    expect((await breakerOf(w)).redeemPaused).toBe(true);

    // The admin sees the payment in USDA's ledger and resolves it as paid: completed, nothing minted back.
    const done = await adminSend(w, lm, resolve(key, ReleaseOutcomes.Paid));
    expect(done?.tags[Tags.Action]).toBe(Actions.ResolveReleaseDone);
    expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Completed);
    expect(await tim3Of(w.sys, victim)).toBe(50n);
    expect((await breakerOf(w)).redeemPaused).toBe(false);
    await expectBackedAndConserved(w);

    // The late Debit-Notice, delivered twice: nothing changes.
    const resolved = await books(w, key);
    const [notice] = w.sys.network.release();
    expect(notice?.tags[Tags.XReference]).toBe(reference);
    await w.sys.network.runUntilQuiet();
    w.sys.network.requeue(notice);
    await w.sys.network.runUntilQuiet();
    expect(await books(w, key)).toEqual(resolved);
    expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Completed);
    await expectBackedAndConserved(w);
  });

  it("the Lock Manager's answers apply in order: a Release-Disputed arriving after the verdict, or again later, re-opens nothing", async () => {
    const { w, victim, attacker, lm, usda, release, key } = await redeemAwaitingItsTransfer();
    // The race is won, but the Lock Manager's Release-Disputed to the Coordinator is slow.
    w.sys.network.hold((e) => e.from === lm && e.target === w.sys.coordinator.pid && e.tags[Tags.Action] === Actions.ReleaseDisputed);
    await w.sys.network.send(attacker, usda, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: victim, [Tags.Quantity]: "50000000", "Reply-To": lm, [Tags.XReference]: key + "/" + release.id,
    });
    const [disputedAnswer] = w.sys.network.held.filter((e) => e.tags[Tags.Action] === Actions.ReleaseDisputed);
    expect(disputedAnswer).toBeDefined();
    // Only the real Transfer goes on: USDA pays, its Debit-Notice resolves the dispute as paid (the verdict).
    const stillHeld = w.sys.network.held.filter((e) => e !== disputedAnswer);
    w.sys.network.held = [disputedAnswer];
    w.sys.network.hold((e) => e === disputedAnswer);
    for (const e of stillHeld) w.sys.network.requeue(e);
    await w.sys.network.runUntilQuiet();
    expect((await releaseOf(w, key)).status).toBe("confirmed");
    expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Completed);
    // The dispute's answer arrives after the verdict, and once more later: the redeem stays completed, nothing listed.
    w.sys.network.release();
    await w.sys.network.runUntilQuiet();
    w.sys.network.advance(1);
    w.sys.network.requeue({ ...disputedAnswer, timestamp: w.sys.network.now() });
    await w.sys.network.runUntilQuiet();
    expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Completed);
    expect(w.sys.coordinator.readCache(CacheKeys.DisputedOperations)).toEqual([]);
    expect(Object.keys((await w.sys.coordinator.read<Record<string, boolean>>("Coordinator.disputed")) ?? {})).toEqual([]);
    await expectBackedAndConserved(w);
  });

  it("USDA's Debit-Notice for the disputed release resolves it as paid by itself, once", async () => {
    const { w, victim, attacker, lm, usda, release, key } = await redeemAwaitingItsTransfer();
    await w.sys.network.send(attacker, usda, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: victim, [Tags.Quantity]: "50000000", "Reply-To": lm,
      [Tags.XReference]: key + "/" + release.id,
    });
    expect((await breakerOf(w)).redeemPaused).toBe(true);
    w.sys.network.release();
    const rest = await w.sys.network.runUntilQuiet();
    expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Completed);
    expect((await releaseOf(w, key)).status).toBe("confirmed");
    const b = await breakerOf(w);
    expect([b.mintPaused, b.redeemPaused, b.trip]).toEqual([false, false, ""]);
    await expectBackedAndConserved(w);
    // A second delivery of that Debit-Notice changes nothing.
    const notice = rest.map((d) => d.envelope).find((e) => e.target === lm && e.tags[Tags.Action] === Actions.DebitNotice) as Envelope;
    const resolved = await books(w, key);
    w.sys.network.requeue(notice);
    await w.sys.network.runUntilQuiet();
    expect(await books(w, key)).toEqual(resolved);
    // Redeeming works again.
    await redeemTim3(w.sys, victim, "10", "v-r2");
    expect((await operationOf(w.sys, victim, "v-r2"))[Tags.Status]).toBe(OperationStatus.Completed);
    await expectBackedAndConserved(w);
  });
});
