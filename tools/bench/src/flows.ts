/** 2. Mint and redeem: messages on the critical path and wall time, against one plain token Transfer round trip. */
import { Actions, Tags } from "@tim3/protocol";
import { deployTim3, fundUsda, mintTim3, newId, redeemTim3, type Delivered } from "@tim3/testing";
import { median, timed } from "./clock";

export interface FlowResult {
  mintCriticalPath: number;
  redeemCriticalPath: number;
  mintMessages: number;
  redeemMessages: number;
  transferMs: number;
  mintMs: number;
  redeemMs: number;
  mintRatio: number;
  redeemRatio: number;
  /**
   * Evaluation time along the critical path only (what the holder waits for when processes evaluate side by side):
   * medians over runs in which a Transfer, a mint and a redeem take turns, so that machine load and warm caches
   * weigh on all three alike.
   */
  transferPathMs: number;
  /** The same Transfer measured 50 times in a row on its one process (warm caches, as the section measured it before). */
  transferInARowMs: number;
  /** Median evaluation time of each message on the critical path (process and action), in path order. */
  mintSteps: PathStep[];
  redeemSteps: PathStep[];
  mintPathMs: number;
  redeemPathMs: number;
  mintPathRatio: number;
  redeemPathRatio: number;
  runs: number;
}

interface PathStep {
  process: string;
  action: string;
  ms: number;
}

/** The Credit-Notice that ends the flow for the holder. */
function endOf(log: Delivered[], holder: string, token: string): Delivered {
  const end = log.find((d) => d.envelope.target === holder && d.envelope.from === token && d.envelope.tags[Tags.Action] === Actions.CreditNotice);
  if (end === undefined) throw new Error("the flow did not end with a Credit-Notice to the holder");
  return end;
}

/** Hops from the holder's own message to the Credit-Notice that ends the flow for the holder. */
function criticalPath(log: Delivered[], holder: string, token: string): number {
  return endOf(log, holder, token).envelope.depth;
}

/**
 * The messages on the critical path, from the holder's own message to the end, with their evaluation times. On AO
 * every process evaluates on its own, so the reports and notices off this path run beside it; the in-process network
 * evaluates them one after another, which the flow's whole wall time includes.
 */
function criticalPathSteps(log: Delivered[], holder: string, token: string, names: Map<string, string>): PathStep[] {
  const byId = new Map(log.map((d) => [d.envelope.id, d] as const));
  const steps: PathStep[] = [];
  for (let d: Delivered | undefined = endOf(log, holder, token); d !== undefined; d = d.envelope.parent === undefined ? undefined : byId.get(d.envelope.parent)) {
    // The holder's wallet evaluates nothing.
    if (d.ms > 0) steps.unshift({ process: names.get(d.envelope.target) ?? d.envelope.target, action: d.envelope.tags[Tags.Action] ?? "", ms: d.ms });
  }
  return steps;
}

const sum = (steps: PathStep[]): number => steps.reduce((t, s) => t + s.ms, 0);

/** Per position on the path, the median of that step's times over all runs. */
function medianSteps(runs: PathStep[][]): PathStep[] {
  return runs[0].map((first, i) => ({ ...first, ms: +median(runs.map((r) => r[i].ms)).toFixed(2) }));
}

export async function benchFlows(runs = 50): Promise<FlowResult> {
  const sys = await deployTim3();
  const names = new Map(Object.entries(sys.processes).map(([name, p]) => [p.pid, name] as const));
  const alice = newId();
  const bob = newId();
  await fundUsda(sys, alice, "1000000000");
  const mintLog = await mintTim3(sys, alice, "1000");
  const redeemLog = await redeemTim3(sys, alice, "500");
  const transferOnce = () => sys.network.send(alice, sys.usda.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "1" });
  const transfer = await timed(async () => {
    for (let i = 0; i < runs; i++) await transferOnce();
  });
  const mint = await timed(async () => {
    for (let i = 0; i < runs; i++) await mintTim3(sys, alice, "10");
  });
  const redeem = await timed(async () => {
    for (let i = 0; i < runs; i++) await redeemTim3(sys, alice, "10");
  });
  const transferMs = transfer.ms / runs;
  // A Transfer's path is its one evaluation (the Debit-Notice reaches the holder from it).
  const inARow: number[] = [];
  for (let i = 0; i < runs; i++) inARow.push((await transferOnce())[0].ms);
  const transferPath: number[] = [];
  const mintRuns: PathStep[][] = [];
  const redeemRuns: PathStep[][] = [];
  // In this order each of the three starts on a process other than the one the previous flow ended on (a redeem
  // starts on the Token Manager after the Transfer; a mint on USDA after the redeem's last report; the Transfer after
  // the mint's), so none of them finds its process's memory warm from the step before.
  for (let i = 0; i < runs; i++) {
    transferPath.push((await transferOnce())[0].ms);
    redeemRuns.push(criticalPathSteps(await redeemTim3(sys, alice, "10"), alice, sys.usda.pid, names));
    mintRuns.push(criticalPathSteps(await mintTim3(sys, alice, "10"), alice, sys.tokenManager.pid, names));
  }
  const transferPathMs = median(transferPath);
  const mintPathMs = median(mintRuns.map(sum));
  const redeemPathMs = median(redeemRuns.map(sum));
  return {
    mintCriticalPath: criticalPath(mintLog, alice, sys.tokenManager.pid),
    redeemCriticalPath: criticalPath(redeemLog, alice, sys.usda.pid),
    mintMessages: mintLog.length - 1,
    redeemMessages: redeemLog.length - 1,
    transferMs: +transferMs.toFixed(2),
    mintMs: +(mint.ms / runs).toFixed(2),
    redeemMs: +(redeem.ms / runs).toFixed(2),
    mintRatio: +(mint.ms / runs / transferMs).toFixed(2),
    redeemRatio: +(redeem.ms / runs / transferMs).toFixed(2),
    transferPathMs: +transferPathMs.toFixed(2),
    transferInARowMs: +median(inARow).toFixed(2),
    mintPathMs: +mintPathMs.toFixed(2),
    redeemPathMs: +redeemPathMs.toFixed(2),
    mintPathRatio: +(mintPathMs / transferPathMs).toFixed(2),
    redeemPathRatio: +(redeemPathMs / transferPathMs).toFixed(2),
    mintSteps: medianSteps(mintRuns),
    redeemSteps: medianSteps(redeemRuns),
    runs,
  };
}
