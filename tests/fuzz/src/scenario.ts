/**
 * One fuzz scenario: holders, random commands (mints, redeems, transfers, pauses, limit changes), delivered through
 * a network that duplicates, reorders and delays messages; plus an adversary: holders reusing each other's (and their
 * own) request ids, junk bursts that flush every bounded memory (all shrunk to MEMORY_CAPACITY entries so a burst of
 * a few dozen flushes them), and replays of old messages of every kind at random later points. Then, at quiescence,
 * every check a holder would care about, and exactly-once value: every USDA leaving the Lock Manager matches one burn
 * of the same quantity for the same holder or the refund of one deposit that minted nothing, and every TIM3 minted
 * matches one deposit. The checks return violations as readable sentences, so a runner can report them all.
 */
import fc from "fast-check";
import { Actions, OperationStatus, Tags } from "@tim3/protocol";
import {
  deployTim3, fundUsda, holdings, invariantViolations, newId, seededRandom, type Delivered, type Envelope, type FaultCounts,
  type Tim3System, type UsdaKind,
} from "@tim3/testing";

export const HOLDERS = 4;
export const FUNDED = 1_000_000n;
/** Every bounded memory of every process holds this many entries in the fuzz, so junk bursts really flush them. */
export const MEMORY_CAPACITY = 24;

export type Command =
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
  | { t: "replay"; pick: number };

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

export const command: fc.Arbitrary<Command> = fc.oneof(
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
);

export const step: fc.Arbitrary<Step> = fc.record({ op: command, settleAfter: fc.nat({ max: 5 }).map((n) => n === 0) });

export function steps(count: number): fc.Arbitrary<Step[]> {
  return fc.array(step, { minLength: count, maxLength: count });
}

export interface Faults {
  duplicate: number;
  reorder: number;
  delay: number;
}

export const DEFAULT_FAULTS: Faults = { duplicate: 0.05, reorder: 0.1, delay: 0.05 };

export interface ScenarioResult {
  violations: string[];
  operations: number;
  deliveries: number;
  faults: FaultCounts;
}

interface Flow {
  kind: "mint" | "redeem";
  holder: string;
  requestId: string;
  envelope: Envelope;
}

export async function runScenario(plan: Step[], seed: number, faults: Faults = DEFAULT_FAULTS, usda?: UsdaKind): Promise<ScenarioResult> {
  const sys = await deployTim3({ usda, memoryCapacity: MEMORY_CAPACITY });
  const holders = Array.from({ length: HOLDERS }, () => newId());
  for (const h of holders) await fundUsda(sys, h, FUNDED.toString());
  // Faults start after set-up, so every scenario begins from the same funded state.
  const random = seededRandom(seed);
  // A blueprint-like USDA remembers no message ids (its scheduler never assigns one twice): nothing to it is duplicated.
  const mayDuplicate = sys.usdaKind === "blueprint" ? (e: Envelope) => e.target !== sys.usda.pid : undefined;
  sys.network.injectFaults({ ...faults, random, mayDuplicate });
  const net = sys.network;
  const flows: Flow[] = [];
  const transfers: { from: string; to: string; q: bigint; fuzzId: string }[] = [];
  const log: Delivered[] = [];
  const quiet = async (): Promise<void> => {
    log.push(...(await net.runUntilQuiet()));
  };
  const pids = [sys.usda.pid, sys.tokenManager.pid, sys.lockManager.pid, sys.coordinator.pid, sys.stateManager.pid];
  let n = 0;
  for (const { op: c, settleAfter } of plan) {
    n++;
    if (c.t === "mint" || c.t === "redeem" || c.t === "reuse") {
      const kind = c.t === "reuse" ? c.kind : c.t;
      const h = holders[c.h];
      const requestId = c.t === "reuse" && flows.length > 0 ? flows[c.pick % flows.length].requestId : `${kind}-${n}-${seed}`;
      const token = kind === "mint" ? sys.usda.pid : sys.tokenManager.pid;
      const to = kind === "mint" ? sys.lockManager.pid : sys.coordinator.pid;
      const envelope = net.post(h, token, {
        [Tags.Action]: Actions.Transfer, [Tags.Recipient]: to, [Tags.Quantity]: c.q.toString(),
        [Tags.XAction]: kind === "mint" ? Actions.Mint : Actions.Redeem, [Tags.XRequestId]: requestId,
      });
      flows.push({ kind, holder: h, requestId, envelope });
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
    } else {
      net.post(sys.admin, sys.coordinator.pid, { [Tags.Action]: Actions.SetLimits, [Tags.Scope]: c.scope, [Tags.Max]: c.max.toString() });
    }
    if (settleAfter) await quiet();
  }
  await quiet();
  const violations = [...(await check(sys, holders, flows, transfers)), ...(await exactlyOnce(sys, log))];
  return { violations, operations: plan.length, deliveries: net.delivered, faults: { ...net.faults } };
}

/**
 * Messages an adversary may deliver again: anything a process received, except what went to a blueprint-like USDA
 * (it remembers nothing, like the aos blueprint: that USDA's own replay safety is its scheduler's, not TIM3's).
 */
function replayable(log: Delivered[], sys: Tim3System): Envelope[] {
  return log.map((d) => d.envelope).filter((e) => e.tags[Tags.Action] !== "Junk" && sys.network.processes.has(e.target) &&
    !(sys.usdaKind === "blueprint" && e.target === sys.usda.pid));
}

/**
 * Delivers an old message again. A message between processes is re-assigned later (same id, a new scheduler
 * timestamp): only the records a process keeps for good can stop it. A token Transfer and a wallet's message keep
 * their first assignment (an SU does not assign the same signed message twice): the message-id memory's low-water
 * mark must stop it after any flush.
 */
function replay(net: Tim3System["network"], e: Envelope): void {
  const internal = e.owner !== e.from && e.tags[Tags.Action] !== Actions.Transfer;
  if (internal) {
    net.advance(1);
    net.requeue({ ...e, timestamp: net.now() });
  } else {
    net.requeue(e);
  }
}

function distinct(envs: Envelope[]): Envelope[] {
  const seen = new Set<string>();
  return envs.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

async function check(
  sys: Tim3System,
  holders: string[],
  flows: Flow[],
  transfers: { from: string; to: string; q: bigint; fuzzId: string }[],
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
    const outcomes = failed.length + notices.length;
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
  deposits: Record<string, { holder: string; quantity: string; status: string }>;
  releases: Record<string, { holder: string; quantity: string; status: string }>;
}

/**
 * Exactly-once value, from the messages that really went out and the records each process keeps:
 * every USDA Transfer the Lock Manager made names the key it was paid under (in X-Reference), no key is paid twice, a
 * release is paid only for a burned redeem of the same holder and quantity, a refund only for a deposit that minted
 * nothing; every TIM3 mint is one deposit, or one failed release minted back.
 */
async function exactlyOnce(sys: Tim3System, log: Delivered[]): Promise<string[]> {
  const v: string[] = [];
  const lm = await sys.lockManager.read<LockRecords>("{ deposits = LockManager.deposits, releases = LockManager.releases }");
  const tm = await sys.tokenManager.read<{ minted: Record<string, boolean>; burned: Record<string, boolean> }>(
    "{ minted = TokenManager.mintedOps, burned = TokenManager.burnedOps }",
  );
  const deposits = lm.deposits ?? {};
  const releases = lm.releases ?? {};
  const minted = tm.minted ?? {};
  const burned = tm.burned ?? {};
  const envelopes = distinct(log.map((d) => d.envelope));
  const redeemNotices = new Map(envelopes.filter((e) => e.target === sys.coordinator.pid && e.from === sys.tokenManager.pid &&
    e.tags[Tags.Action] === Actions.CreditNotice).map((e) => [e.id, e]));
  const paid = new Map<string, number>();
  for (const e of envelopes) {
    if (e.from !== sys.lockManager.pid || e.target !== sys.usda.pid || e.tags[Tags.Action] !== Actions.Transfer) continue;
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
      if (d === undefined || (d.status !== "refunded" && d.status !== "returned")) v.push(`refund ${ref.slice(0, 8)} of a deposit that is ${d?.status}`);
      else if (d.holder !== to || d.quantity !== q) v.push(`refund ${ref.slice(0, 8)} paid ${q} to ${to.slice(0, 8)}, not the deposit`);
      if (minted[ref] === true) v.push(`deposit ${ref.slice(0, 8)} was refunded and minted`);
    }
  }
  for (const [ref, count] of paid) if (count > 1) v.push(`USDA left the Lock Manager ${count} times for ${ref.slice(0, 8)}`);
  for (const k in minted) {
    if (k.startsWith("refund:")) {
      if (releases[k.slice(7)]?.status !== "failed") v.push(`TIM3 minted back for ${k.slice(7, 15)} whose release did not fail`);
    } else if (deposits[k]?.status !== "minted") {
      v.push(`TIM3 minted for ${k.slice(0, 8)}, a deposit that is ${deposits[k]?.status}`);
    }
  }
  for (const k in deposits) if (deposits[k].status === "minted" && minted[k] !== true) v.push(`deposit ${k.slice(0, 8)} accepted but never minted`);
  return v;
}
