/**
 * One fuzz scenario: holders, random commands (mints, redeems, transfers, pauses, limit changes), delivered through
 * a network that duplicates, reorders and delays messages; then, at quiescence, every check a holder would care
 * about. The checks return violations as readable sentences instead of throwing, so a runner can report them all.
 */
import fc from "fast-check";
import { Actions, OperationStatus, Tags } from "@tim3/protocol";
import {
  deployTim3, fundUsda, holdings, invariantViolations, newId, seededRandom, type Envelope, type FaultCounts, type Tim3System,
} from "@tim3/testing";

export const HOLDERS = 4;
export const FUNDED = 1_000_000n;

export type Command =
  | { t: "mint"; h: number; q: bigint }
  | { t: "redeem"; h: number; q: bigint }
  | { t: "transfer"; h: number; to: number; q: bigint }
  | { t: "pause"; scope: "Mint" | "Redeem" | "All" }
  | { t: "resume"; scope: "Mint" | "Redeem" | "All" }
  | { t: "limits"; scope: "Mint" | "Redeem"; max: bigint };

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

export async function runScenario(plan: Step[], seed: number, faults: Faults = DEFAULT_FAULTS): Promise<ScenarioResult> {
  const sys = await deployTim3();
  const holders = Array.from({ length: HOLDERS }, () => newId());
  for (const h of holders) await fundUsda(sys, h, FUNDED.toString());
  // Faults start after set-up, so every scenario begins from the same funded state.
  const random = seededRandom(seed);
  sys.network.injectFaults({ ...faults, random });
  const net = sys.network;
  const flows: Flow[] = [];
  const transfers: { from: string; to: string; q: bigint; fuzzId: string }[] = [];
  let n = 0;
  for (const { op: c, settleAfter } of plan) {
    n++;
    if (c.t === "mint" || c.t === "redeem") {
      const h = holders[c.h];
      const requestId = `${c.t}-${n}-${seed}`;
      const token = c.t === "mint" ? sys.usda.pid : sys.tokenManager.pid;
      const to = c.t === "mint" ? sys.lockManager.pid : sys.coordinator.pid;
      const envelope = net.post(h, token, {
        [Tags.Action]: Actions.Transfer, [Tags.Recipient]: to, [Tags.Quantity]: c.q.toString(),
        [Tags.XAction]: c.t === "mint" ? Actions.Mint : Actions.Redeem, [Tags.XRequestId]: requestId,
      });
      flows.push({ kind: c.t, holder: h, requestId, envelope });
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
    if (settleAfter) await net.runUntilQuiet();
  }
  await net.runUntilQuiet();
  const violations = await check(sys, holders, flows, transfers);
  return { violations, operations: plan.length, deliveries: net.delivered, faults: { ...net.faults } };
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
  // Every mint and redeem ended in exactly one outcome the holder can see.
  const records = await sys.coordinator.read<Record<string, { status: string }>>("Coordinator.operations");
  for (const f of flows) {
    const inbox = distinct(sys.network.inbox(f.holder));
    const failed = inbox.filter((e) => e.tags[Tags.Action] === Actions.TransferError && e.tags[Tags.MessageId] === f.envelope.id);
    const notices = inbox.filter((e) => e.tags[Tags.Action] === Actions.CreditNotice && e.tags[Tags.XRequestId] === f.requestId);
    const outcomes = failed.length + notices.length;
    if (outcomes !== 1) violations.push(`${f.kind} ${f.requestId}: ${outcomes} outcomes reached the holder (expected exactly 1)`);
    if (failed.length === 0 && notices.length === 1) {
      const status = records?.[f.requestId]?.status;
      const refunded = notices[0].tags[Tags.XAction] === Actions.Refund;
      const want = refunded ? OperationStatus.Refunded : OperationStatus.Completed;
      // A refusal before the Coordinator (malformed request) leaves no record; anything it saw must agree.
      if (status !== undefined && status !== want) violations.push(`${f.kind} ${f.requestId}: holder saw ${want}, Coordinator says ${status}`);
      if (status === undefined && !refunded) violations.push(`${f.kind} ${f.requestId}: completed but no operation record`);
    }
  }
  return violations;
}

