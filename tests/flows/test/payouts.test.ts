/**
 * Issue 24: every USDA transfer the Lock Manager makes (a release, a refund, a return) is done only when USDA says so,
 * and every verdict an admin gives on one follows USDA's own result for the Lock Manager's Transfer (PROTOCOL.md,
 * "Every outgoing transfer waits for USDA").
 */
import { describe, expect, it } from "vitest";
import {
  Actions, CacheKeys, OperationStatus, ReleaseOutcomes, Scopes, Tags, usdaVerdict, type ScheduledTransfer, type UnsettledTransfer,
} from "@tim3/protocol";
import { createTim3Client } from "@tim3/sdk";
import { holdings, mintTim3, redeemTim3, seizeUsda, setUsdaBalance, startCacheServer, type Delivered } from "@tim3/testing";
import { adminSend, expectBackedAndConserved, operationOf, redeemAwaitingItsTransfer, tim3Of, usdaOf, world, type World } from "./support";

const resolve = (key: string, outcome: string) => ({ [Tags.Action]: Actions.ResolveRelease, [Tags.Operation]: key, [Tags.Outcome]: outcome });

/** USDA's schedule with each message's result, as whoever reads USDA's scheduler and its computed results sees it. */
function watchUsda(w: World): ScheduledTransfer[] {
  const schedule: ScheduledTransfer[] = [];
  w.sys.network.watcher = (d: Delivered) => {
    if (d.envelope.target === w.sys.usda.pid) schedule.push({ from: d.envelope.from, tags: d.envelope.tags, outbox: d.outbox });
    return [];
  };
  return schedule;
}

/** What the console and the CLI read: the SDK's unsettledTransfers, over HTTP GETs of the Lock Manager's exposed state. */
async function sdkUnsettled(w: World): Promise<UnsettledTransfer[]> {
  const server = await startCacheServer((pid) => [...Object.values(w.sys.processes)].find((p) => p.pid === pid));
  try {
    const s = w.sys;
    const processes = { usda: s.usda.pid, tokenManager: s.tokenManager.pid, lockManager: s.lockManager.pid, coordinator: s.coordinator.pid, stateManager: s.stateManager.pid };
    return await createTim3Client({ network: { nodeUrl: server.url }, processes }).unsettledTransfers();
  } finally {
    await server.close();
  }
}

const unsettled = (w: World) => (w.sys.lockManager.readCache(CacheKeys.UnsettledTransfers) ?? []) as UnsettledTransfer[];

describe("every USDA transfer of the Lock Manager waits for USDA's answer", () => {
  it("a release USDA refuses without echoing X-Reference (the older blueprint) is never completed", async () => {
    const w = await world(1, 1_000_000n, undefined, "blueprint");
    const [alice] = w.holders;
    const lm = w.sys.lockManager.pid;
    const schedule = watchUsda(w);
    await w.sys.usda.eval("LegacyErrors = true");
    await mintTim3(w.sys, alice, "100", "m");
    await seizeUsda(w.sys, lm, "100");
    await redeemTim3(w.sys, alice, "50", "r");
    // USDA refused the transfer; its error names no reference, so nothing confirms the release.
    const op = await operationOf(w.sys, alice, "r");
    expect(op[Tags.Status]).toBe(OperationStatus.Pending);
    expect(await usdaOf(w.sys, alice)).toBe(1_000_000n - 100n);
    const [open] = unsettled(w);
    expect(open).toMatchObject({ operation: op[Tags.Operation], kind: "release", holder: alice, quantity: "50", status: "sent" });
    // The admin's tools read USDA's result for the Lock Manager's own Transfer: it failed. Failed mints the TIM3 back.
    expect(usdaVerdict(schedule, lm, open.reference)).toBe(ReleaseOutcomes.Failed);
    const done = await adminSend(w, lm, resolve(open.operation, ReleaseOutcomes.Failed));
    expect(done?.tags[Tags.Action]).toBe(Actions.ResolveReleaseDone);
    expect((await operationOf(w.sys, alice, "r"))[Tags.Status]).toBe(OperationStatus.Refunded);
    expect(await tim3Of(w.sys, alice)).toBe(100n);
    const h = await holdings(w.sys);
    expect([h.locked, h.tim3Supply]).toEqual(["100", "100"]);
    expect(unsettled(w)).toEqual([]);
  });

  it("a refund USDA refuses is shown and retried on the admin's word, never lost", async () => {
    const w = await world(1, 1_000_000n, undefined, "blueprint");
    const [alice] = w.holders;
    const lm = w.sys.lockManager.pid;
    const schedule = watchUsda(w);
    await adminSend(w, w.sys.stateManager.pid, { [Tags.Action]: Actions.Pause, [Tags.Scope]: Scopes.Mint });
    // The refund's Transfer is slow, and meanwhile the Lock Manager's USDA leaves it outside TIM3: USDA refuses it.
    w.sys.network.hold((e) => e.from === lm && e.target === w.sys.usda.pid && e.tags[Tags.Action] === Actions.Transfer);
    await mintTim3(w.sys, alice, "100", "m");
    await seizeUsda(w.sys, lm, "100");
    w.sys.network.release();
    await w.sys.network.runUntilQuiet();
    expect(await usdaOf(w.sys, alice)).toBe(1_000_000n - 100n);
    const [open] = unsettled(w);
    expect(open).toMatchObject({ kind: "refund", holder: alice, quantity: "100", status: "disputed" });
    expect(await sdkUnsettled(w)).toEqual([open]);
    expect(usdaVerdict(schedule, lm, open.reference)).toBe(ReleaseOutcomes.Failed);
    // The USDA is back (the admin recovered it); the admin retries the refund: USDA pays it, and it is done.
    await setUsdaBalance(w.sys, lm, "100");
    const done = await adminSend(w, lm, { ...resolve(open.operation, ReleaseOutcomes.Failed), [Tags.TransferReference]: open.reference });
    expect(done?.tags[Tags.Action]).toBe(Actions.ResolveReleaseDone);
    expect(await usdaOf(w.sys, alice)).toBe(1_000_000n);
    expect(unsettled(w)).toEqual([]);
    await expectBackedAndConserved(w);
  });

  it("an honest admin never resolves a dispute while the Lock Manager's Transfer is in flight: the redeem is paid once", async () => {
    const { w, victim, attacker, lm, usda, release, key } = await redeemAwaitingItsTransfer();
    const schedule = watchUsda(w);
    const reference = key + "/" + release.id;
    await w.sys.network.send(attacker, usda, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: victim, [Tags.Quantity]: "50000000", "Reply-To": lm, [Tags.XReference]: reference,
    });
    expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Disputed);
    // What misled the admin before: Sync-Balance shows the release's USDA still here, the redeemer's USDA unchanged.
    await w.sys.network.send(attacker, lm, { [Tags.Action]: Actions.SyncBalance });
    expect(await w.sys.lockManager.read<string>("LockManager.held")).toBe("100");
    expect(await usdaOf(w.sys, victim)).toBe(1_000_000n - 100n);
    // USDA has not computed the Lock Manager's Transfer: the tools offer no verdict, so the honest admin waits.
    expect(unsettled(w)).toMatchObject([{ operation: key, reference, status: "disputed" }]);
    expect(usdaVerdict(schedule, lm, reference)).toBeUndefined();
    // The slow Transfer lands: USDA's Debit-Notice resolves the dispute as paid. One payment, no TIM3 back.
    w.sys.network.release();
    await w.sys.network.runUntilQuiet();
    expect(usdaVerdict(schedule, lm, reference)).toBe(ReleaseOutcomes.Paid);
    expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Completed);
    expect(await usdaOf(w.sys, victim)).toBe(1_000_000n - 50n);
    expect(await tim3Of(w.sys, victim)).toBe(50n);
    expect(unsettled(w)).toEqual([]);
    await expectBackedAndConserved(w);
  });
});
