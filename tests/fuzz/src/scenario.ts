/**
 * One fuzz scenario: holders, random commands (mints, redeems, transfers, pauses, limit changes), delivered through
 * a network that duplicates, reorders and delays messages; plus an adversary: holders reusing each other's (and their
 * own) request ids, junk bursts that flush every bounded memory (all shrunk to MEMORY_CAPACITY entries so a burst of
 * a few dozen flushes them), and replays of old messages of every kind at random later points. Releases are attacked
 * too: an attacker watching the Lock Manager's scheduler races a failing (or paying) USDA transfer with Reply-To = the
 * Lock Manager and the release's own X-Reference into USDA ahead of the real Transfer; Transfer-Errors are forged from
 * wallets and from an attacker's process, and old genuine ones replayed; some releases really fail at USDA (the Lock
 * Manager's USDA taken outside TIM3 for a moment), and refunds and returns are raced and refused the same way; the
 * admin acts only on what the console shows (the Lock Manager's `unsettled-transfers`) and gives only the verdict
 * USDA's own result for the Lock Manager's Transfer supports (libs/protocol's usdaVerdict, none until USDA computed
 * it), at random points, while strangers, second verdicts and old Resolve-Release messages try to. Half the
 * blueprint scenarios use the older blueprint's Transfer-Error (no X-Reference): refused transfers stay unconfirmed.
 * Refunds are refused by USDA for real (the Lock Manager's USDA taken while one is on its way) and wait for that
 * admin; one reporter's reports reach the State Manager after the rest of a flow. At every quiet point: 1:1 backing
 * (disputed USDA counted neither locked nor paid), the breaker tripped with `dispute` exactly while a release is
 * disputed, the Coordinator's disputed redeems those of the Lock Manager, the Coordinator's circuit the breaker's, and
 * no automatic trip left once the books agree. At the end the admin resolves what is still
 * disputed, honestly, and then: every check a holder would care about, and exactly-once value: every USDA leaving the
 * Lock Manager matches one burn of the same quantity for the same holder or the refund of one deposit that minted
 * nothing, no redeem's TIM3 is minted back when its USDA left, and every TIM3 minted matches one deposit. The checks
 * return violations as readable sentences, so a runner can report them all.
 */
import fc from "fast-check";
import {
  Actions, CacheKeys, ErrorCodes, OperationStatus, ReleaseOutcomes, Tags, usdaVerdict as verdictFromSchedule, type UnsettledTransfer,
} from "@tim3/protocol";
import {
  AUTHORITY, deployTim3, fundUsda, holdings, invariantViolations, newId, seededRandom, setUsdaBalance, type Delivered, type Envelope,
  type FaultCounts, type Tim3System, type UsdaKind,
} from "@tim3/testing";

const HOLDERS = 4;
const FUNDED = 1_000_000n;
/** Every bounded memory of every process holds this many entries in the fuzz, so junk bursts really flush them. */
const MEMORY_CAPACITY = 24;

type Command =
  | { t: "mint"; h: number; q: bigint }
  | { t: "redeem"; h: number; q: bigint }
  | { t: "transfer"; h: number; to: number; q: bigint }
  | { t: "pause"; scope: "Mint" | "Redeem" | "All" }
  | { t: "resume"; scope: "Mint" | "Redeem" | "All" }
  | { t: "limits"; scope: "Mint" | "Redeem"; max: bigint }
  /** Holder h mints or redeems with the request id of an earlier flow (`pick` chooses which; any holder's). */
  | { t: "reuse"; h: number; kind: "mint" | "redeem"; q: bigint; pick: number }
  /** A stranger sends `n` messages nobody handles to process `p` (0..4). */
  | { t: "junk"; p: number; n: number }
  /** An old message (`pick` chooses which) is delivered again. */
  | { t: "replay"; pick: number }
  /**
   * An attacker watching the Lock Manager's scheduler races the next release: as soon as a Release is assigned there,
   * it gets a transfer of its own with Reply-To = the Lock Manager and X-Reference = the release's reference into
   * USDA ahead of the real Transfer, one it cannot pay (a Transfer-Error), one paying the redeemer the release's
   * quantity (a genuine matching Debit-Notice), or one paying someone else.
   */
  | { t: "race"; pays: RacePayment }
  /** Holder h redeems while the Lock Manager's USDA is taken outside TIM3: its release really fails at USDA. */
  | { t: "failing-redeem"; h: number; q: bigint }
  /**
   * Holder h's mint is refused (its own request id used again) and USDA refuses the refund: the Lock Manager's USDA is
   * taken outside TIM3 while the refund is on its way, then put back. The refund waits, shown, for the honest admin.
   */
  | { t: "refused-refund"; h: number; q: bigint }
  /**
   * Cross-sender reordering of reports: holder h mints or redeems while every report of one reporter (the Token
   * Manager's supply, the Lock Manager's collateral or the Coordinator's operations) reaches the State Manager only
   * after the flow's other messages; then the network goes quiet and the breaker must be as the books say.
   */
  | { t: "late-reports"; h: number; kind: "mint" | "redeem"; q: bigint; reporter: 0 | 1 | 2 }
  /**
   * A Transfer-Error that is not USDA's answer: from a wallet, from an attacker's process; or a genuine one again, or
   * one of the Lock Manager's answers about a release (Released, Release-Disputed, Release-Failed) again.
   */
  | { t: "forge"; from: "wallet" | "process" | "replay"; pick: number }
  /**
   * Resolve-Release: the admin resolves a disputed release after checking USDA's ledger; or a stranger tries, the
   * admin sends a verdict for a release that is no longer disputed, or an old Resolve-Release is delivered again.
   */
  | { t: "resolve"; who: "admin" | "stranger" | "again" | "replay"; pick: number; outcome: ReleaseOutcome };

type RacePayment = "unpaid" | "redeemer" | "other";
type ReleaseOutcome = (typeof ReleaseOutcomes)[keyof typeof ReleaseOutcomes];

/** One operation, then, about one time in six, a pause until the network is quiet. */
export interface Step {
  op: Command;
  settleAfter: boolean;
}

const holder = fc.nat({ max: HOLDERS - 1 });
const amount = fc.oneof(
  { weight: 8, arbitrary: fc.bigInt({ min: 1n, max: 50_000n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 2n * FUNDED }) },
);
const scope = fc.constantFrom<"Mint" | "Redeem" | "All">("Mint", "Redeem", "All");

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ t: fc.constant("mint" as const), h: holder, q: amount }) },
  { weight: 7, arbitrary: fc.record({ t: fc.constant("redeem" as const), h: holder, q: amount }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant("transfer" as const), h: holder, to: holder, q: amount }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("pause" as const), scope }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("resume" as const), scope }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("limits" as const), scope: fc.constantFrom<"Mint" | "Redeem">("Mint", "Redeem"), max: fc.bigInt({ min: 0n, max: 100_000n }) }) },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant("reuse" as const), h: holder, kind: fc.constantFrom<"mint" | "redeem">("mint", "redeem"), q: amount, pick: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("junk" as const), p: fc.nat({ max: 4 }), n: fc.integer({ min: MEMORY_CAPACITY, max: 2 * MEMORY_CAPACITY }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("replay" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("race" as const), pays: fc.constantFrom<RacePayment>("unpaid", "unpaid", "redeemer", "other") }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("failing-redeem" as const), h: holder, q: fc.bigInt({ min: 1n, max: 50_000n }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("refused-refund" as const), h: holder, q: fc.bigInt({ min: 1n, max: 50_000n }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant("late-reports" as const), h: holder, kind: fc.constantFrom<"mint" | "redeem">("mint", "redeem"),
      q: fc.bigInt({ min: 1n, max: 50_000n }), reporter: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("forge" as const), from: fc.constantFrom<"wallet" | "process" | "replay">("wallet", "process", "replay"), pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("resolve" as const),
      who: fc.constantFrom<"admin" | "stranger" | "again" | "replay">("admin", "admin", "stranger", "again", "replay"),
      pick: fc.nat(),
      outcome: fc.constantFrom<ReleaseOutcome>(ReleaseOutcomes.Paid, ReleaseOutcomes.Failed),
    }),
  },
);

const step: fc.Arbitrary<Step> = fc.record({ op: command, settleAfter: fc.nat({ max: 5 }).map((n) => n === 0) });

export function steps(count: number): fc.Arbitrary<Step[]> {
  return fc.array(step, { minLength: count, maxLength: count });
}

export interface Faults {
  duplicate: number;
  reorder: number;
  delay: number;
  /** A node pushes an earlier evaluation's outbox again: re-signed copies (new ids, new timestamps, same Reference). */
  repush: number;
}

const DEFAULT_FAULTS: Faults = { duplicate: 0.05, reorder: 0.1, delay: 0.05, repush: 0.02 };

export interface ScenarioResult {
  violations: string[];
  operations: number;
  deliveries: number;
  faults: FaultCounts;
  /** What the release attacks produced: races run, releases disputed, disputes resolved by the admin. */
  disputes: DisputeCounts;
}

/** What a run of scenarios did, added up (the bin's progress line and closing line, the CI test's log). */
export type ScenarioTotals = { operations: number; deliveries: number } & FaultCounts & DisputeCounts;

export function newTotals(): ScenarioTotals {
  return { operations: 0, deliveries: 0, duplicated: 0, reordered: 0, delayed: 0, repushed: 0, races: 0, disputed: 0, resolvedByAdmin: 0, refusedResolves: 0, forged: 0, refusedRefunds: 0 };
}

export function addToTotals(totals: ScenarioTotals, r: ScenarioResult): void {
  totals.operations += r.operations;
  totals.deliveries += r.deliveries;
  for (const k of ["duplicated", "reordered", "delayed", "repushed"] as const) totals[k] += r.faults[k];
  for (const k of ["races", "disputed", "resolvedByAdmin", "refusedResolves", "forged", "refusedRefunds"] as const) totals[k] += r.disputes[k];
}

interface DisputeCounts {
  races: number;
  disputed: number;
  resolvedByAdmin: number;
  refusedResolves: number;
  forged: number;
  /** Refunds and returns of the Lock Manager's that USDA refused (each sent again on the admin's verdict). */
  refusedRefunds: number;
}

interface Flow {
  kind: "mint" | "redeem";
  holder: string;
  requestId: string;
  envelope: Envelope;
}

/** A message that must be refused with an explicit error and this Error-Code (reply to `replyTo`). */
interface Refusable {
  envelope: Envelope;
  replyTo: string;
  codes: string[];
  what: string;
}

/** The delivery order of the scenario with this seed (independent of the seed's parity, which picks LegacyErrors). */
function orderFor(seed: number): "depth-first" | "fifo" {
  return Math.floor(seed / 2) % 2 === 0 ? "depth-first" : "fifo";
}

export async function runScenario(plan: Step[], seed: number, faults: Faults = DEFAULT_FAULTS, usda?: UsdaKind): Promise<ScenarioResult> {
  // Both delivery orders a protocol must be right under: a node's depth-first push (the Network's default) and
  // breadth-first (a message's outbox delivered after everything queued before it), chosen by the seed.
  const sys = await deployTim3({ usda, memoryCapacity: MEMORY_CAPACITY, order: orderFor(seed) });
  // Half the blueprint scenarios run against the older blueprint, whose Transfer-Error echoes no reference: a release
  // it refuses must stay unconfirmed (never completed) until the admin resolves it on USDA's own result.
  if (sys.usdaKind === "blueprint" && seed % 2 === 1) await sys.usda.eval("LegacyErrors = true");
  const holders = Array.from({ length: HOLDERS }, () => newId());
  for (const h of holders) await fundUsda(sys, h, FUNDED.toString());
  // The release attacker has USDA of its own (to pay a redeemer the release's quantity, or someone else).
  const attacker = newId();
  await fundUsda(sys, attacker, FUNDED.toString());
  // Faults start after set-up, so every scenario begins from the same funded state.
  const random = seededRandom(seed);
  // A blueprint-like USDA remembers no message ids (its scheduler never assigns one twice): nothing to it is duplicated
  // or pushed again. Re-pushed copies to wallets change nothing a process counts: only processes get them.
  const toBlueprint = (e: Envelope) => sys.usdaKind === "blueprint" && e.target === sys.usda.pid;
  const mayDuplicate = (e: Envelope) => sys.network.processes.has(e.target) && !toBlueprint(e);
  sys.network.injectFaults({ ...faults, random, mayDuplicate });
  const net = sys.network;
  const lm = sys.lockManager.pid;
  const flows: Flow[] = [];
  const transfers: { from: string; to: string; q: bigint; fuzzId: string }[] = [];
  const refusable: Refusable[] = [];
  const counts: DisputeCounts = { races: 0, disputed: 0, resolvedByAdmin: 0, refusedResolves: 0, forged: 0, refusedRefunds: 0 };
  const violations: string[] = [];
  // A broken invariant usually stays broken: each is reported at the first quiet moment it is seen, not at every one.
  const seenAtQuiet = new Set<string>();
  const quietCheck = async (when: string): Promise<void> => {
    for (const v of await quietViolations(sys)) {
      if (!seenAtQuiet.has(v)) violations.push(`${when}: ${v}`);
      seenAtQuiet.add(v);
    }
  };
  const log: Delivered[] = [];
  const quiet = async (): Promise<void> => {
    log.push(...(await net.runUntilQuiet()));
  };
  const pids = [sys.usda.pid, sys.tokenManager.pid, sys.lockManager.pid, sys.coordinator.pid, sys.stateManager.pid];
  // The race: armed by a `race` command, fired by the next Release assigned to the Lock Manager.
  const races: RacePayment[] = [];
  net.watcher = (d) => {
    // Any of the Lock Manager's transfers: a release, or a refund or return of a deposit.
    if (races.length === 0 || d.envelope.target !== lm) return [];
    const transfer = d.outbox.find((o) => o.target === sys.usda.pid && o.tags[Tags.Action] === Actions.Transfer && o.tags[Tags.XReference] !== undefined);
    if (transfer === undefined) return [];
    counts.races++;
    return [raceTransfer(net, sys, attacker, transfer.tags, races.shift() as RacePayment)];
  };
  const post = (kind: "mint" | "redeem", h: string, q: bigint, requestId: string): void => {
    const token = kind === "mint" ? sys.usda.pid : sys.tokenManager.pid;
    const to = kind === "mint" ? sys.lockManager.pid : sys.coordinator.pid;
    const envelope = net.post(h, token, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: to, [Tags.Quantity]: q.toString(),
      [Tags.XAction]: kind === "mint" ? Actions.Mint : Actions.Redeem, [Tags.XRequestId]: requestId,
    });
    flows.push({ kind, holder: h, requestId, envelope });
  };
  let n = 0;
  for (const { op: c, settleAfter } of plan) {
    n++;
    if (c.t === "mint" || c.t === "redeem" || c.t === "reuse") {
      const kind = c.t === "reuse" ? c.kind : c.t;
      const requestId = c.t === "reuse" && flows.length > 0 ? flows[c.pick % flows.length].requestId : `${kind}-${n}-${seed}`;
      post(kind, holders[c.h], c.q, requestId);
    } else if (c.t === "junk") {
      for (let i = 0; i < c.n; i++) net.post(newId(), pids[c.p], { [Tags.Action]: "Junk" });
    } else if (c.t === "replay") {
      const old = replayable(log, sys);
      if (old.length > 0) replay(net, old[c.pick % old.length]);
    } else if (c.t === "transfer") {
      const fuzzId = `t-${n}`;
      net.post(holders[c.h], sys.tokenManager.pid, {
        [Tags.Action]: Actions.Transfer, [Tags.Recipient]: holders[c.to], [Tags.Quantity]: c.q.toString(), "X-Fuzz-Id": fuzzId,
      });
      transfers.push({ from: holders[c.h], to: holders[c.to], q: c.q, fuzzId });
    } else if (c.t === "pause" || c.t === "resume") {
      net.post(sys.admin, sys.stateManager.pid, { [Tags.Action]: c.t === "pause" ? Actions.Pause : Actions.Resume, [Tags.Scope]: c.scope });
    } else if (c.t === "limits") {
      net.post(sys.admin, sys.coordinator.pid, { [Tags.Action]: Actions.SetLimits, [Tags.Scope]: c.scope, [Tags.Max]: c.max.toString() });
    } else if (c.t === "race") {
      races.push(c.pays);
    } else if (c.t === "failing-redeem") {
      // The Lock Manager's USDA leaves outside TIM3 for the length of one redeem, then comes back: its release fails.
      await quiet();
      const held = BigInt((await holdings(sys)).usda[lm] ?? "0");
      await setUsdaBalance(sys, lm, "0");
      post("redeem", holders[c.h], c.q, `failing-${n}-${seed}`);
      await quiet();
      const now = BigInt((await holdings(sys)).usda[lm] ?? "0");
      await setUsdaBalance(sys, lm, (now + held).toString());
    } else if (c.t === "refused-refund") {
      await quiet();
      const requestId = `refused-${n}-${seed}`;
      post("mint", holders[c.h], c.q, requestId);
      await quiet();
      // The same label again: refused, refunded; the refund is held on its way to USDA while the USDA is taken.
      net.hold((e) => e.from === lm && e.target === sys.usda.pid && e.tags[Tags.Action] === Actions.Transfer);
      post("mint", holders[c.h], c.q, requestId);
      await quiet();
      const held = BigInt((await holdings(sys)).usda[lm] ?? "0");
      await setUsdaBalance(sys, lm, "0");
      net.release();
      await quiet();
      const now = BigInt((await holdings(sys)).usda[lm] ?? "0");
      await setUsdaBalance(sys, lm, (now + held).toString());
    } else if (c.t === "late-reports") {
      await quiet();
      const reporter = [sys.tokenManager.pid, lm, sys.coordinator.pid][c.reporter];
      const reports = [Actions.ReportSupply, Actions.ReportCollateral, Actions.ReportOperations] as string[];
      net.hold((e) => e.target === sys.stateManager.pid && e.from === reporter && reports.includes(e.tags[Tags.Action]));
      post(c.kind, holders[c.h], c.q, `late-${n}-${seed}`);
      await quiet();
      net.release();
      await quiet();
      await quietCheck(`after step ${n} (late reports)`);
    } else if (c.t === "forge") {
      const forged = await forgeTransferError(net, sys, log, c.from, c.pick);
      counts.forged++;
      if (forged !== undefined) refusable.push({ ...forged, codes: [ErrorCodes.NotPeer], what: `forged Transfer-Error from ${c.from}` });
    } else {
      const refused = await resolveCommand(net, sys, log, c.who, c.pick, c.outcome);
      if (refused === "resolved") counts.resolvedByAdmin++;
      else if (refused !== undefined) {
        counts.refusedResolves++;
        refusable.push(refused);
      }
    }
    if (settleAfter) {
      await quiet();
      await quietCheck(`after step ${n}`);
    }
  }
  await quiet();
  await quietCheck("at the end");
  // The admin, acting honestly on what the console shows, resolves every transfer USDA has not confirmed, as USDA's
  // own result for the Lock Manager's Transfer says (a refused refund is sent again, and may be refused again while
  // the Lock Manager's USDA is short: the admin has put it back by then).
  for (let round = 0; round < 3; round++) {
    const open = unsettledTransfers(sys);
    if (open.length === 0) break;
    for (const t of open) {
      const verdict = usdaVerdict(log, sys, t.reference);
      if (verdict === undefined) {
        violations.push(`${t.status} ${t.kind} ${t.operation.slice(0, 8)}: USDA never handled the Lock Manager's transfer, the admin cannot decide`);
        continue;
      }
      net.post(sys.admin, lm, { [Tags.Action]: Actions.ResolveRelease, [Tags.Operation]: t.operation, [Tags.Outcome]: verdict, [Tags.TransferReference]: t.reference });
      counts.resolvedByAdmin++;
    }
    await quiet();
  }
  const stillOpen = unsettledTransfers(sys);
  if (stillOpen.length > 0) {
    violations.push(`transfers USDA never confirmed after the admin resolved them all: ${stillOpen.map((t) => t.kind + " " + t.operation.slice(0, 8)).join(", ")}`);
  }
  await quietCheck("after the admin's resolutions");
  counts.disputed = new Set(distinct(log.map((d) => d.envelope)).filter((e) => e.from === lm && e.tags[Tags.Action] === Actions.ReleaseDisputed)
    .map((e) => e.tags[Tags.Operation])).size;
  counts.refusedRefunds = new Set(log.filter((d) => d.envelope.target === sys.usda.pid && d.envelope.from === lm &&
    d.envelope.tags[Tags.XAction] === Actions.Refund && d.outbox.some((o) => o.tags[Tags.Action] === Actions.TransferError))
    .map((d) => d.envelope.tags[Tags.XReference])).size;
  // Value first: what a holder ends with, and exactly-once.
  const confirmations = await usdaConfirmations(sys, log);
  violations.unshift(
    ...(await check(sys, log, holders, attacker, flows, transfers, confirmations.substituted)),
    ...(await exactlyOnce(sys, log)),
    ...confirmations.violations,
    ...refusals(sys, refusable),
  );
  net.watcher = undefined;
  return { violations, operations: plan.length, deliveries: net.delivered, faults: { ...net.faults }, disputes: counts };
}

/**
 * The racer's transfer into USDA, ahead of the Lock Manager's: Reply-To = the Lock Manager, X-Reference = the
 * release's reference (read from the scheduler), so USDA's answer to it reaches the Lock Manager as if it were the
 * release's. A blueprint-like USDA honours Reply-To; mock-usda answers the sender, so there the race reaches nobody.
 */
function raceTransfer(net: Tim3System["network"], sys: Tim3System, attacker: string, release: Record<string, string>, pays: RacePayment): Envelope {
  const quantity = pays === "unpaid" ? (10n * FUNDED).toString() : pays === "redeemer" ? release[Tags.Quantity] : "1";
  const recipient = pays === "other" ? newId() : release[Tags.Recipient];
  return net.envelope(attacker, sys.usda.pid, {
    [Tags.Action]: Actions.Transfer, [Tags.Recipient]: recipient, [Tags.Quantity]: quantity,
    [Tags.ReplyTo]: sys.lockManager.pid, [Tags.XReference]: release[Tags.XReference],
  });
}

interface ReleaseView {
  holder: string;
  quantity: string;
  status: string;
  reference?: string;
}

async function lockManagerReleases(sys: Tim3System): Promise<Record<string, ReleaseView>> {
  return (await sys.lockManager.read<Record<string, ReleaseView> | undefined>("LockManager.releases")) ?? {};
}

async function disputedReleases(sys: Tim3System): Promise<{ key: string; reference: string; quantity: string }[]> {
  const releases = await lockManagerReleases(sys);
  return Object.entries(releases).filter(([, r]) => r.status === "disputed").map(([key, r]) => ({ key, reference: r.reference ?? "", quantity: r.quantity }));
}

/**
 * The verdict the admin's tools offer: USDA's own result for the Lock Manager's Transfer with this reference, read from
 * USDA's schedule and computed results (not an attacker's transfer with the same X-Reference); none before USDA
 * computed it.
 */
function usdaVerdict(log: Delivered[], sys: Tim3System, reference: string): ReleaseOutcome | undefined {
  const schedule = log.filter((d) => d.envelope.target === sys.usda.pid).map((d) => ({ from: d.envelope.from, tags: d.envelope.tags, outbox: d.outbox }));
  return verdictFromSchedule(schedule, sys.lockManager.pid, reference);
}

/** What the console shows the admin: the Lock Manager's transfers USDA has not confirmed, as it exposes them. */
function unsettledTransfers(sys: Tim3System): UnsettledTransfer[] {
  return (sys.lockManager.readCache(CacheKeys.UnsettledTransfers) ?? []) as UnsettledTransfer[];
}

/** A Transfer-Error to the Lock Manager that is not USDA's: it must be refused (Not-Peer) and change nothing. */
async function forgeTransferError(
  net: Tim3System["network"], sys: Tim3System, log: Delivered[], from: "wallet" | "process" | "replay", pick: number,
): Promise<{ envelope: Envelope; replyTo: string } | undefined> {
  const lm = sys.lockManager.pid;
  if (from === "replay") {
    // USDA's old Transfer-Errors, and the Lock Manager's old answers about a release to the Coordinator (any of them
    // may arrive again after the dispute was resolved).
    const answers = [Actions.TransferError, Actions.ReleaseDisputed, Actions.Released, Actions.ReleaseFailed] as string[];
    const genuine = distinct(log.map((d) => d.envelope)).filter((e) =>
      (e.target === lm || e.from === lm) && answers.includes(e.tags[Tags.Action]) && sys.network.processes.has(e.target));
    if (genuine.length > 0) {
      replay(net, genuine[pick % genuine.length]);
      return undefined;
    }
  }
  // Aimed at a release: one still awaiting USDA's answer when there is one, else any (or none).
  const releases = Object.values(await lockManagerReleases(sys)).map((r) => r.reference ?? "").filter((r) => r !== "");
  const reference = releases.length > 0 ? releases[pick % releases.length] : newId();
  const tags = { [Tags.Action]: Actions.TransferError, [Tags.MessageId]: newId(), [Tags.Error]: "Insufficient Balance!", [Tags.XReference]: reference };
  if (from === "process") {
    const process = newId();
    const envelope = net.envelope(process, lm, { ...tags, "From-Process": process }, "", AUTHORITY);
    net.requeue(envelope);
    return { envelope, replyTo: process };
  }
  const wallet = newId();
  return { envelope: net.post(wallet, lm, tags), replyTo: wallet };
}

/**
 * One Resolve-Release: the admin's honest verdict on a disputed release whose transfer USDA has handled ("resolved"),
 * or an attempt that must be refused (returned with the Error-Code it must get), or an old one delivered again.
 */
async function resolveCommand(
  net: Tim3System["network"], sys: Tim3System, log: Delivered[], who: "admin" | "stranger" | "again" | "replay", pick: number, outcome: ReleaseOutcome,
): Promise<Refusable | "resolved" | undefined> {
  const lm = sys.lockManager.pid;
  const resolve = (key: string, verdict: string) => ({ [Tags.Action]: Actions.ResolveRelease, [Tags.Operation]: key, [Tags.Outcome]: verdict });
  if (who === "replay") {
    const old = distinct(log.map((d) => d.envelope)).filter((e) => e.target === lm && e.tags[Tags.Action] === Actions.ResolveRelease);
    if (old.length > 0) replay(net, old[pick % old.length]);
    return undefined;
  }
  const releases = Object.entries(await lockManagerReleases(sys));
  if (who === "admin") {
    // Only what the console shows, and only the verdict USDA's result for the Lock Manager's Transfer supports.
    const open = unsettledTransfers(sys);
    if (open.length === 0) return undefined;
    const t = open[pick % open.length];
    const verdict = usdaVerdict(log, sys, t.reference);
    // USDA has not computed the Lock Manager's transfer yet: an honest admin waits.
    if (verdict === undefined) return undefined;
    // The verdict names the Transfer it judges: the console may still show an attempt the admin has judged already.
    net.post(sys.admin, lm, { ...resolve(t.operation, verdict), [Tags.TransferReference]: t.reference });
    return "resolved";
  }
  if (who === "stranger") {
    const key = releases.length > 0 ? releases[pick % releases.length][0] : newId();
    const stranger = newId();
    return { envelope: net.post(stranger, lm, resolve(key, outcome)), replyTo: stranger, codes: [ErrorCodes.NotAdmin], what: "a stranger's Resolve-Release" };
  }
  // A verdict for a release that is final already (confirmed or failed can never be disputed again), or unknown.
  const final = releases.filter(([, r]) => r.status === "confirmed" || r.status === "failed");
  const key = final.length > 0 ? final[pick % final.length][0] : newId();
  return {
    envelope: net.post(sys.admin, lm, resolve(key, outcome)), replyTo: sys.admin, codes: [final.length > 0 ? ErrorCodes.AlreadyFinal : ErrorCodes.NotFound],
    what: "the admin's Resolve-Release of a release that is not disputed",
  };
}

/** Every refusable message got an explicit error reply with the expected Error-Code. */
function refusals(sys: Tim3System, refusable: Refusable[]): string[] {
  const v: string[] = [];
  for (const r of refusable) {
    const reply = sys.network.inbox(r.replyTo).find((e) => e.tags[Tags.MessageId] === r.envelope.id && e.tags[Tags.ErrorCode] !== undefined);
    if (reply === undefined) v.push(`${r.what} got no error reply`);
    else if (!r.codes.includes(reply.tags[Tags.ErrorCode])) v.push(`${r.what} was refused with ${reply.tags[Tags.ErrorCode]}, expected ${r.codes.join(" or ")}`);
  }
  return v;
}

interface Breaker {
  mintPaused: boolean;
  redeemPaused: boolean;
  tripped: boolean;
  trip: string;
  redeemTripped: boolean;
}

/**
 * What must hold at every quiet moment: 1:1 backing (disputed USDA counted neither locked nor paid); the disputed
 * total is the disputed releases' USDA; the breaker is tripped with `dispute` (Mint and Redeem paused, at the State
 * Manager and in the Coordinator's circuit) exactly while a release is disputed; the Coordinator's disputed redeems
 * are the Lock Manager's disputed releases.
 */
async function quietViolations(sys: Tim3System): Promise<string[]> {
  const v = [...(await invariantViolations(sys))];
  const disputed = await disputedReleases(sys);
  const total = disputed.reduce((sum, r) => sum + BigInt(r.quantity), 0n);
  const counted = BigInt((await sys.lockManager.read<string | undefined>("LockManager.disputed")) ?? "0");
  if (total !== counted) v.push(`the Lock Manager counts ${counted} USDA disputed, its disputed releases are ${total}`);
  const b = await sys.stateManager.read<Breaker>("StateManager.breaker");
  const circuit = await sys.coordinator.read<{ mintPaused: boolean; redeemPaused: boolean }>("Coordinator.circuit");
  // Tripped with `dispute`; where the admin had paused Mint before, Mint stays the admin's pause (no automatic trip).
  if (disputed.length > 0 && !((b.trip === "dispute" || !b.tripped) && b.mintPaused && b.redeemPaused && circuit.mintPaused && circuit.redeemPaused)) {
    v.push(`${disputed.length} release(s) disputed but the breaker is ${JSON.stringify(b)} and the Coordinator's circuit ${JSON.stringify(circuit)}`);
  }
  if (disputed.length === 0 && (b.trip === "dispute" || b.redeemTripped)) v.push(`no release is disputed but the breaker is still ${JSON.stringify(b)}`);
  // Liveness under any report order (reports from different processes, and the breaker's own pushes, arrive in any
  // order): the Coordinator enforces the breaker's newest state, and once the books agree (supply = USDA locked, none
  // disputed) no automatic trip is left: Mint and Redeem are paused only where the admin paused them.
  if (circuit.mintPaused !== b.mintPaused || circuit.redeemPaused !== b.redeemPaused) {
    v.push(`the Coordinator's circuit ${JSON.stringify(circuit)} is not the breaker's ${JSON.stringify(b)}`);
  }
  if (disputed.length === 0 && (b.tripped || b.redeemTripped)) {
    const h = await holdings(sys);
    if (h.tim3Supply === h.locked) v.push(`the books agree (supply = USDA locked = ${h.locked}, none disputed) but the breaker stays tripped: ${JSON.stringify(b)}`);
  }
  const coordinator = Object.keys((await sys.coordinator.read<Record<string, boolean> | undefined>("Coordinator.disputed")) ?? {}).sort();
  const lockManager = disputed.map((r) => r.key).sort();
  if (coordinator.join() !== lockManager.join()) {
    v.push(`the Coordinator lists disputed [${coordinator.map((k) => k.slice(0, 8))}], the Lock Manager [${lockManager.map((k) => k.slice(0, 8))}]`);
  }
  return v;
}

/**
 * Messages an adversary may deliver again: anything a process received, except what went to a blueprint-like USDA
 * (it remembers nothing, like the aos blueprint: that USDA's own replay safety is its scheduler's, not TIM3's), and a
 * wallet's Transfer a token refused for balance while its sender held nothing there: such a sender gets no memory of
 * refusals (a stranger keeps nothing), so delivered again once it holds enough, its old signed request moves value,
 * once (PROTOCOL.md, "What it relies on"; a holder's refusals are remembered, replay-after-flush.test.ts).
 */
function replayable(log: Delivered[], sys: Tim3System): Envelope[] {
  const refusedForBalance = new Set(log.filter((d) => d.envelope.owner === d.envelope.from &&
    d.outbox.some((o) => o.tags[Tags.Action] === Actions.TransferError && o.tags[Tags.ErrorCode] === ErrorCodes.InsufficientBalance))
    .map((d) => d.envelope.id));
  return log.map((d) => d.envelope).filter((e) => e.tags[Tags.Action] !== "Junk" && sys.network.processes.has(e.target) &&
    !(sys.usdaKind === "blueprint" && e.target === sys.usda.pid) && !refusedForBalance.has(e.id));
}

/**
 * Delivers an old message again, any time later: its scheduler stamps it anew at assignment (a later timestamp), as AO
 * does for any message assigned again, a wallet's signed Transfer included (same id). Copies re-signed under new ids
 * come from the network's re-push fault (`Faults.repush`). Only what a process keeps for good (records keyed by
 * operation, and the identity of every value-moving input) can stop either.
 */
function replay(net: Tim3System["network"], e: Envelope): void {
  net.advance(1);
  net.requeue(e);
}

/**
 * One envelope per message, however often it was delivered: a process's message by sender + aos Reference (a node's
 * re-push copies it under a new id), a wallet's by its id, as the processes themselves tell them apart.
 */
function distinct(envs: Envelope[]): Envelope[] {
  const seen = new Set<string>();
  const identity = (e: Envelope) => (e.from !== e.owner && e.tags.Reference !== undefined ? e.from + "#" + e.tags.Reference : e.id);
  return envs.filter((e) => (seen.has(identity(e)) ? false : (seen.add(identity(e)), true)));
}

/** A transfer of the Lock Manager's that a Debit-Notice someone else caused confirmed, its own refused by USDA. */
interface Substituted {
  kind: "release" | "refund";
  key: string;
  holder: string;
  quantity: string;
  requestId: string;
}

/**
 * What confirmed each transfer of the Lock Manager's that it counts as done (a confirmed release, a refunded or
 * returned deposit), read from USDA's own computed results, not from deliveries (a delivery may be a copy under a new
 * id; a result is computed once per message USDA's scheduler assigned). The Lock Manager takes, as the process
 * documents (PROTOCOL.md, "Disputed releases"), any Debit-Notice from USDA echoing the transfer's reference for its
 * recipient and quantity: USDA's answer to its own Transfer, or to a transfer someone else made with Reply-To = the
 * Lock Manager that paid the recipient that quantity. The second kind is a real payment (only a transfer USDA executed
 * yields a Debit-Notice): when the Lock Manager's own Transfer was refused, that payment was the holder's only one
 * (`substituted`, which conservation accounts for: the forger paid, the Lock Manager's USDA stays here as surplus).
 * A transfer done with neither is a violation.
 */
async function usdaConfirmations(sys: Tim3System, log: Delivered[]): Promise<{ substituted: Substituted[]; violations: string[] }> {
  const { deposits, releases } = await lockRecords(sys, log);
  const lm = sys.lockManager.pid;
  const usdaResults = log.filter((d) => d.envelope.target === sys.usda.pid);
  // References of the Lock Manager's own Transfers that USDA paid.
  const paidOwn = new Set(usdaResults.filter((d) => d.envelope.from === lm && d.envelope.tags[Tags.Action] === Actions.Transfer &&
    d.outbox.some((o) => o.tags[Tags.Action] === Actions.DebitNotice)).map((d) => d.envelope.tags[Tags.XReference] ?? ""));
  // Debit-Notices USDA computed for someone else's transfer, addressed to the Lock Manager and echoing a reference.
  const paidByOthers = usdaResults.filter((d) => d.envelope.from !== lm).flatMap((d) => d.outbox).filter((o) =>
    o.target === lm && o.tags[Tags.Action] === Actions.DebitNotice && o.tags[Tags.XReference] !== undefined);
  const paidTo = (reference: string, holder: string, quantity: string) => paidByOthers.some((o) =>
    o.tags[Tags.XReference] === reference && o.tags[Tags.Recipient] === holder && sameAmount(o.tags[Tags.Quantity], quantity));
  const substituted: Substituted[] = [];
  const violations: string[] = [];
  for (const [key, r] of Object.entries(releases)) {
    if (r.status !== "confirmed") continue;
    const reference = r.reference ?? "";
    if (paidOwn.has(reference)) continue;
    if (paidTo(reference, r.holder, r.quantity)) substituted.push({ kind: "release", key, holder: r.holder, quantity: r.quantity, requestId: r.requestId });
    else violations.push(`release ${key.slice(0, 8)} confirmed without USDA's Debit-Notice for its reference`);
  }
  // A refund or return may have been sent several times (each refused one sent again under a new reference).
  const references = [...new Set([...paidOwn, ...paidByOthers.map((o) => o.tags[Tags.XReference])])];
  for (const [key, d] of Object.entries(deposits)) {
    if (d.status !== "refunded" && d.status !== "returned") continue;
    const mine = references.filter((ref) => ref.startsWith(key + "/"));
    if (mine.some((ref) => paidOwn.has(ref))) continue;
    if (mine.some((ref) => paidTo(ref, d.holder, d.quantity))) substituted.push({ kind: "refund", key, holder: d.holder, quantity: d.quantity, requestId: d.requestId ?? "" });
    else violations.push(`deposit ${key.slice(0, 8)} ${d.status} without USDA's Debit-Notice for its reference`);
  }
  return { substituted, violations };
}

/** Equal amounts as USDA reads them ("007" is 7); unreadable ones only when written the same. */
function sameAmount(a: string | undefined, b: string): boolean {
  if (a === b) return true;
  return a !== undefined && /^[0-9]+$/.test(a) && /^[0-9]+$/.test(b) && BigInt(a) === BigInt(b);
}

async function check(
  sys: Tim3System,
  log: Delivered[],
  holders: string[],
  attacker: string,
  flows: Flow[],
  transfers: { from: string; to: string; q: bigint; fuzzId: string }[],
  substituted: Substituted[],
): Promise<string[]> {
  const violations = [...(await invariantViolations(sys))];
  const pending = await sys.coordinator.read<Record<string, boolean>>("Coordinator.pending");
  if (Object.keys(pending ?? {}).length > 0) violations.push(`operations still pending at quiescence: ${Object.keys(pending).join(", ")}`);
  const h = await holdings(sys);
  // Conservation: each holder's USDA + TIM3 changes only by the TIM3 it transferred to or from other holders.
  const expected = new Map(holders.map((x) => [x, FUNDED]));
  for (const t of transfers) {
    const debited = distinct(sys.network.inbox(t.from)).some((e) => e.tags[Tags.Action] === Actions.DebitNotice && e.tags["X-Fuzz-Id"] === t.fuzzId);
    if (debited) {
      expected.set(t.from, (expected.get(t.from) ?? 0n) - t.q);
      expected.set(t.to, (expected.get(t.to) ?? 0n) + t.q);
    }
  }
  // The release attacker paid some redeemers out of its own USDA (to forge a matching Debit-Notice): theirs to keep.
  for (const x of holders) {
    for (const e of distinct(sys.network.inbox(x))) {
      if (e.from === sys.usda.pid && e.tags[Tags.Action] === Actions.CreditNotice && e.tags[Tags.Sender] === attacker) {
        expected.set(x, (expected.get(x) ?? 0n) + BigInt(e.tags[Tags.Quantity]));
      }
    }
  }
  // Where such a payment confirmed a release (or a refund) whose own transfer USDA refused, it was the holder's only
  // payment (PROTOCOL.md: forging the Debit-Notice means paying the redeemer oneself): the holder got no second one.
  for (const r of substituted) expected.set(r.holder, (expected.get(r.holder) ?? 0n) - BigInt(r.quantity));
  // A holder never ends with both the USDA and the TIM3 of one redeem (nor loses either): USDA + TIM3 is conserved.
  for (const x of holders) {
    const total = BigInt(h.usda[x] ?? "0") + BigInt(h.tim3[x] ?? "0");
    if (total !== expected.get(x)) violations.push(`holder ${x.slice(0, 8)} has ${total} USDA+TIM3, expected ${expected.get(x)}`);
  }
  // Every mint and redeem ended in exactly one outcome the holder can see. Flows of one holder that share a request
  // id (the adversary reuses ids) are counted together: as many outcomes as flows, each refusal saying why.
  const records = await sys.coordinator.read<Record<string, { status: string; holder: string; kind: string }>>("Coordinator.operations");
  const settled = await sys.coordinator.read<Record<string, string>>("Coordinator.settled");
  const labels = await sys.coordinator.read<Record<string, string>>("Coordinator.labels");
  const groups = new Map<string, Flow[]>();
  for (const f of flows) {
    const k = `${f.holder}/${f.requestId}`;
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  for (const [label, group] of groups) {
    const holder = group[0].holder;
    const requestId = group[0].requestId;
    const inbox = distinct(sys.network.inbox(holder));
    const failed = inbox.filter((e) => e.tags[Tags.Action] === Actions.TransferError && group.some((f) => e.tags[Tags.MessageId] === f.envelope.id));
    const notices = inbox.filter((e) => e.tags[Tags.Action] === Actions.CreditNotice && e.tags[Tags.XRequestId] === requestId);
    // A payment that stood in for the Lock Manager's (the attacker's, with no request id) is that flow's outcome.
    const outcomes = failed.length + notices.length + substituted.filter((r) => r.holder === holder && r.requestId === requestId).length;
    if (outcomes !== group.length) {
      violations.push(`${group.map((f) => f.kind).join("+")} ${label.slice(0, 8)}…/${requestId}: ${outcomes} outcomes reached the holder (expected ${group.length})`);
    }
    const key = labels?.[label];
    const record = key === undefined ? undefined : records?.[key];
    if (record !== undefined && (record.holder !== holder || !group.some((f) => f.kind === record.kind))) {
      violations.push(`${requestId}: the operation under ${holder.slice(0, 8)}'s label belongs to ${record.holder.slice(0, 8)} (${record.kind})`);
    }
    if (group.length === 1 && failed.length === 0 && notices.length === 1) {
      const status = key === undefined ? undefined : (record?.status ?? settled?.[key]);
      const refunded = notices[0].tags[Tags.XAction] === Actions.Refund;
      const want = refunded ? OperationStatus.Refunded : OperationStatus.Completed;
      // A refusal before the Coordinator (malformed request) leaves no record; anything it saw must agree.
      if (status !== undefined && status !== want) violations.push(`${group[0].kind} ${requestId}: holder saw ${want}, Coordinator says ${status}`);
      if (status === undefined && !refunded) violations.push(`${group[0].kind} ${requestId}: completed but no operation record`);
    }
  }
  return violations;
}


interface LockRecords {
  deposits: Record<string, { holder: string; quantity: string; status: string; requestId?: string }>;
  /** Returns confirmed before only identities were kept: their id (the full record is in a bounded ring, for people). */
  returned: Record<string, number>;
  releases: Record<string, { holder: string; quantity: string; status: string; reference?: string; requestId: string }>;
}

/**
 * The Lock Manager's deposits and releases. A transfer sent straight back keeps only its id there (`returned`): its
 * holder, quantity and request id are its Credit-Notice's.
 */
async function lockRecords(sys: Tim3System, log: Delivered[]): Promise<{ deposits: LockRecords["deposits"]; releases: LockRecords["releases"] }> {
  const lm = await sys.lockManager.read<LockRecords>("{ deposits = LockManager.deposits, releases = LockManager.releases, returned = LockManager.returned }");
  const deposits = { ...(lm.deposits ?? {}) };
  // A refund or return USDA confirmed keeps only its Credit-Notice's identity at the Lock Manager (its record goes to a
  // bounded ring): its holder and quantity are those of the Credit-Notice the Lock Manager acted on (recorded it and
  // sent a Transfer back or a Deposit-Received), and "returned" stands for both in the checks.
  const actedOn = new Set(log.filter((d) => d.outbox.some((o) => o.tags[Tags.Action] === Actions.Transfer || o.tags[Tags.Action] === Actions.DepositReceived))
    .map((d) => d.envelope.id));
  for (const e of distinct(log.map((d) => d.envelope))) {
    if (e.target === sys.lockManager.pid && e.from === sys.usda.pid && e.tags[Tags.Action] === Actions.CreditNotice && deposits[e.id] === undefined &&
      (lm.returned?.[e.id] !== undefined || actedOn.has(e.id))) {
      const raw = e.tags[Tags.Quantity];
      // Sent back as USDA reads it ("007" is 7), or as written when unreadable.
      deposits[e.id] = {
        holder: e.tags[Tags.Sender], quantity: /^[0-9]+$/.test(raw) ? BigInt(raw).toString() : raw, status: "returned", requestId: e.tags[Tags.XRequestId],
      };
    }
  }
  return { deposits, releases: lm.releases ?? {} };
}

/**
 * Exactly-once value, from the messages that really went out (and USDA executed) and the records each process keeps:
 * every USDA Transfer the Lock Manager made names the key it was paid under (in X-Reference), no key is paid twice, a
 * release is paid only for a burned redeem of the same holder and quantity, a refund only for a deposit that minted
 * nothing; every TIM3 mint is one deposit, or one failed release minted back whose USDA never left.
 */
async function exactlyOnce(sys: Tim3System, log: Delivered[]): Promise<string[]> {
  const v: string[] = [];
  const { deposits, releases } = await lockRecords(sys, log);
  const tm = await sys.tokenManager.read<{ minted: Record<string, boolean>; burned: Record<string, boolean> }>(
    "{ minted = TokenManager.mintedOps, burned = TokenManager.burnedOps }",
  );
  const minted = tm.minted ?? {};
  const burned = tm.burned ?? {};
  const envelopes = distinct(log.map((d) => d.envelope));
  const redeemNotices = new Map(envelopes.filter((e) => e.target === sys.coordinator.pid && e.from === sys.tokenManager.pid &&
    e.tags[Tags.Action] === Actions.CreditNotice).map((e) => [e.id, e]));
  // What USDA refused did not leave (a release that really failed at USDA, answered by a Transfer-Error).
  const refusedByUsda = new Set(log.filter((d) => d.envelope.target === sys.usda.pid &&
    d.outbox.some((o) => o.tags[Tags.Action] === Actions.TransferError)).map((d) => d.envelope.id));
  const paid = new Map<string, number>();
  for (const e of envelopes) {
    if (e.from !== sys.lockManager.pid || e.target !== sys.usda.pid || e.tags[Tags.Action] !== Actions.Transfer) continue;
    if (refusedByUsda.has(e.id)) continue;
    // A release's X-Reference is its operation key + "/" + the Release message's id; a refund's is the deposit id.
    const ref = e.tags[Tags.XReference]?.split("/")[0];
    const q = e.tags[Tags.Quantity];
    const to = e.tags[Tags.Recipient];
    if (ref === undefined) {
      v.push(`USDA left the Lock Manager with no key: ${q} to ${to}`);
      continue;
    }
    paid.set(ref, (paid.get(ref) ?? 0) + 1);
    if (e.tags[Tags.XAction] === Actions.Redeemed) {
      const notice = redeemNotices.get(ref);
      if (burned[ref] !== true) v.push(`release ${ref.slice(0, 8)} paid ${q} USDA with no burn`);
      if (notice === undefined || notice.tags[Tags.Sender] !== to || notice.tags[Tags.Quantity] !== q) {
        v.push(`release ${ref.slice(0, 8)} paid ${q} to ${to.slice(0, 8)}, not what was redeemed`);
      }
    } else {
      const d = deposits[ref];
      if (d === undefined || !["refunded", "returned", "refunding", "returning"].includes(d.status)) v.push(`refund ${ref.slice(0, 8)} of a deposit that is ${d?.status}`);
      else if (d.holder !== to || d.quantity !== q) v.push(`refund ${ref.slice(0, 8)} paid ${q} to ${to.slice(0, 8)}, not the deposit`);
      if (minted[ref] === true) v.push(`deposit ${ref.slice(0, 8)} was refunded and minted`);
    }
  }
  for (const [ref, count] of paid) if (count > 1) v.push(`USDA left the Lock Manager ${count} times for ${ref.slice(0, 8)}`);
  for (const k in minted) {
    if (k.startsWith("refund:")) {
      if (releases[k.slice(7)]?.status !== "failed") v.push(`TIM3 minted back for ${k.slice(7, 15)} whose release did not fail`);
      if (paid.has(k.slice(7))) v.push(`TIM3 minted back for ${k.slice(7, 15)} whose USDA left the Lock Manager`);
    } else if (deposits[k]?.status !== "minted") {
      v.push(`TIM3 minted for ${k.slice(0, 8)}, a deposit that is ${deposits[k]?.status}`);
    }
  }
  for (const k in deposits) if (deposits[k].status === "minted" && minted[k] !== true) v.push(`deposit ${k.slice(0, 8)} accepted but never minted`);
  return v;
}
