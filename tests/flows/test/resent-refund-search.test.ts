/**
 * Attack on the admin's remedy for a refund USDA refused: the tools read USDA's verdict on the Lock Manager's
 * Transfer from USDA's schedule, starting at the slot stamped when the transfer was sent (`unsettled-transfers`
 * `at`) and scanning a bounded range after it (libs/sdk/src/usda-schedule.ts: 10,000 slots). A refund sent again on
 * the admin's `failed` (after the admin restored what made USDA refuse it, which may take days) was published with
 * the deposit's `at`, not the time it was sent again: on a busy USDA, or one anyone floods with cheap Balance queries,
 * the new attempt lies past the scanned range and its verdict stays "pending" for good, so a second refusal could
 * never be judged with the tools (the holder's refund stuck). Each attempt now carries the time it was sent.
 */
import { expect, it } from "vitest";
import { Actions, CacheKeys, ReleaseOutcomes, Scopes, Tags, usdaVerdict, type ScheduledTransfer, type UnsettledTransfer } from "@tim3/protocol";
import { mintTim3, seizeUsda, setUsdaBalance, type Delivered } from "@tim3/testing";
import { adminSend, world } from "./support";

const DAY_MS = 86_400_000;

it("a refund sent again is published with the time it was sent again, where the verdict's search starts", async () => {
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
  const [first] = (w.sys.lockManager.readCache(CacheKeys.UnsettledTransfers) ?? []) as UnsettledTransfer[];
  expect(usdaVerdict(schedule, lm, first.reference)).toBe(ReleaseOutcomes.Failed);
  // A day later the admin has put the USDA back and gives USDA's verdict: the refund is sent again.
  w.sys.network.advance(DAY_MS);
  await setUsdaBalance(w.sys, lm, "1100");
  const resentAt = w.sys.network.now();
  // The node has not pushed the new attempt yet: what the tools read while it is on its way.
  w.sys.network.hold((e) => e.from === lm && e.target === w.sys.usda.pid && e.tags[Tags.Action] === Actions.Transfer);
  await adminSend(w, lm, {
    [Tags.Action]: Actions.ResolveRelease, [Tags.Operation]: first.operation, [Tags.Outcome]: ReleaseOutcomes.Failed, [Tags.TransferReference]: first.reference,
  });
  const [second] = (w.sys.lockManager.readCache(CacheKeys.UnsettledTransfers) ?? []) as UnsettledTransfer[];
  expect(second).toMatchObject({ operation: first.operation, attempts: 2 });
  expect(second.reference).not.toBe(first.reference);
  expect(second.at).toBeGreaterThanOrEqual(resentAt);
}, 120_000);
