/**
 * Issue 24 ("no verdict an honest admin can give with TIM3's tools pays twice"), found by the long fuzz (seed
 * 1145732019, scenario 3): a refund USDA refused is sent again on the admin's `failed`, under a new reference. A
 * second `failed` for the attempt already judged (the console not yet refreshed, a retried request, a second admin)
 * applied to the new attempt and sent the refund a third time: USDA paid both, out of other holders' backing. A
 * verdict now names the Transfer it judges (Transfer-Reference, the X-Reference `usdaVerdict` judged), and only the
 * open attempt can be judged.
 */
import { describe, expect, it } from "vitest";
import { Actions, CacheKeys, ErrorCodes, ReleaseOutcomes, Scopes, Tags, usdaVerdict, type ScheduledTransfer, type UnsettledTransfer } from "@tim3/protocol";
import { holdings, mintTim3, seizeUsda, setUsdaBalance, type Delivered } from "@tim3/testing";
import { adminSend, expectBackedAndConserved, received, usdaOf, world, type World } from "./support";

/** Bob's 1,000 locked; Alice's mint of 100 refused (Mint paused) and its refund refused by USDA (the USDA was taken). */
async function refusedRefund() {
  const w = await world(2, 1_000_000n, undefined, "blueprint");
  const [alice, bob] = w.holders;
  const lm = w.sys.lockManager.pid;
  await mintTim3(w.sys, bob, "1000", "b");
  const schedule: ScheduledTransfer[] = [];
  w.sys.network.watcher = (d: Delivered) => {
    if (d.envelope.target === w.sys.usda.pid) schedule.push({ from: d.envelope.from, tags: d.envelope.tags, outbox: d.outbox });
    return [];
  };
  await adminSend(w, w.sys.stateManager.pid, { [Tags.Action]: Actions.Pause, [Tags.Scope]: Scopes.Mint });
  w.sys.network.hold((e) => e.from === lm && e.target === w.sys.usda.pid && e.tags[Tags.Action] === Actions.Transfer);
  await mintTim3(w.sys, alice, "100", "m");
  await seizeUsda(w.sys, lm, "1100");
  w.sys.network.release();
  await w.sys.network.runUntilQuiet();
  // The admin has put the USDA back; the console shows the refund, and USDA's own result for it: failed.
  await setUsdaBalance(w.sys, lm, "1100");
  const [open] = (w.sys.lockManager.readCache(CacheKeys.UnsettledTransfers) ?? []) as UnsettledTransfer[];
  expect(open).toMatchObject({ kind: "refund", holder: alice, quantity: "100" });
  expect(usdaVerdict(schedule, lm, open.reference)).toBe(ReleaseOutcomes.Failed);
  return { w, alice, lm, open };
}

const DAY_MS = 86_400_000;

const failed = (open: UnsettledTransfer, named = true) => ({
  [Tags.Action]: Actions.ResolveRelease, [Tags.Operation]: open.operation, [Tags.Outcome]: ReleaseOutcomes.Failed,
  ...(named ? { [Tags.TransferReference]: open.reference } : {}),
});

async function expectPaidOnce(w: World, alice: string, lm: string): Promise<void> {
  expect(await usdaOf(w.sys, alice)).toBe(1_000_000n);
  const h = await holdings(w.sys);
  expect(h.usda[lm]).toBe("1000");
  expect(w.sys.lockManager.readCache(CacheKeys.UnsettledTransfers) ?? []).toEqual([]);
  await expectBackedAndConserved(w);
}

describe("a verdict on a refund USDA refused sends it again once", () => {
  it("two `failed` verdicts on the same refused attempt (a double click, a retry) send the refund again once", async () => {
    const { w, alice, lm, open } = await refusedRefund();
    w.sys.network.post(w.sys.admin, lm, failed(open));
    w.sys.network.post(w.sys.admin, lm, failed(open));
    const log = await w.sys.network.runUntilQuiet();
    await expectPaidOnce(w, alice, lm);
    const replies = received(log, w.sys.admin).map((e) => e.tags[Tags.ErrorCode] ?? e.tags[Tags.Action]);
    expect(replies.sort()).toEqual([Actions.ResolveReleaseDone, ErrorCodes.AlreadyFinal].sort());
  });

  it("a `failed` verdict on a refund that names no Transfer is refused and sends nothing", async () => {
    const { w, alice, lm, open } = await refusedRefund();
    const reply = await adminSend(w, lm, failed(open, false));
    expect(reply?.tags[Tags.ErrorCode]).toBe(ErrorCodes.Missing);
    expect(await usdaOf(w.sys, alice)).toBe(1_000_000n - 100n);
    // Named, it is sent again and paid.
    expect((await adminSend(w, lm, failed(open)))?.tags[Tags.Action]).toBe(Actions.ResolveReleaseDone);
    await expectPaidOnce(w, alice, lm);
  });
});

/**
 * The verdict read starts where the transfer was sent (libs/sdk/src/usda-schedule.ts: 10,000 slots from the slot
 * stamped at `unsettled-transfers` `at`). A refund sent again on the admin's `failed` (after the admin restored what
 * made USDA refuse it, which may take days) was published with the deposit's `at`: on a busy USDA, or one anyone floods
 * with cheap Balance queries, the new attempt lay past the scanned range and its verdict stayed "pending" for good.
 * Each attempt now carries the time it was sent.
 */
it("a refund sent again is published with the time it was sent again, where the verdict's search starts", async () => {
  const { w, lm, open: first } = await refusedRefund();
  // A day later the admin gives USDA's verdict: the refund is sent again.
  w.sys.network.advance(DAY_MS);
  const resentAt = w.sys.network.now();
  // The node has not pushed the new attempt yet: what the tools read while it is on its way.
  w.sys.network.hold((e) => e.from === lm && e.target === w.sys.usda.pid && e.tags[Tags.Action] === Actions.Transfer);
  await adminSend(w, lm, failed(first));
  const [second] = (w.sys.lockManager.readCache(CacheKeys.UnsettledTransfers) ?? []) as UnsettledTransfer[];
  expect(second).toMatchObject({ operation: first.operation, attempts: 2 });
  expect(second.reference).not.toBe(first.reference);
  expect(second.at).toBeGreaterThanOrEqual(resentAt);
}, 120_000);
