/** 2. Mint and redeem: messages on the critical path and wall time, against one plain token Transfer round trip. */
import { Actions, Tags } from "@tim3/protocol";
import { deployTim3, fundUsda, mintTim3, newId, redeemTim3, type Delivered } from "@tim3/testing";
import { timed } from "./clock";

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
  /** Evaluation time along the critical path only (what the holder waits for when processes evaluate side by side). */
  transferPathMs: number;
  mintPathMs: number;
  redeemPathMs: number;
  mintPathRatio: number;
  redeemPathRatio: number;
  runs: number;
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
 * Evaluation time of the messages on the critical path: from the end back through each message's parent to the
 * holder's own message. On AO every process evaluates on its own, so the reports and notices off this path run beside
 * it; the in-process network evaluates them one after another, which the flow's whole wall time includes.
 */
function criticalPathMs(log: Delivered[], holder: string, token: string): number {
  const byId = new Map(log.map((d) => [d.envelope.id, d] as const));
  let ms = 0;
  for (let d: Delivered | undefined = endOf(log, holder, token); d !== undefined; d = d.envelope.parent === undefined ? undefined : byId.get(d.envelope.parent)) ms += d.ms;
  return ms;
}

async function meanPathMs(runs: number, flow: () => Promise<Delivered[]>, path: (log: Delivered[]) => number): Promise<number> {
  let total = 0;
  for (let i = 0; i < runs; i++) total += path(await flow());
  return total / runs;
}

export async function benchFlows(runs = 50): Promise<FlowResult> {
  const sys = await deployTim3();
  const alice = newId();
  const bob = newId();
  await fundUsda(sys, alice, "1000000000");
  const mintLog = await mintTim3(sys, alice, "1000");
  const redeemLog = await redeemTim3(sys, alice, "500");
  const transfer = await timed(async () => {
    for (let i = 0; i < runs; i++) {
      await sys.network.send(alice, sys.usda.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "1" });
    }
  });
  const mint = await timed(async () => {
    for (let i = 0; i < runs; i++) await mintTim3(sys, alice, "10");
  });
  const redeem = await timed(async () => {
    for (let i = 0; i < runs; i++) await redeemTim3(sys, alice, "10");
  });
  const transferMs = transfer.ms / runs;
  // A Transfer's path is its one evaluation (the Debit-Notice reaches the holder from it).
  const transferPathMs = await meanPathMs(
    runs,
    () => sys.network.send(alice, sys.usda.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "1" }),
    (log) => log[0].ms,
  );
  const mintPathMs = await meanPathMs(runs, () => mintTim3(sys, alice, "10"), (log) => criticalPathMs(log, alice, sys.tokenManager.pid));
  const redeemPathMs = await meanPathMs(runs, () => redeemTim3(sys, alice, "10"), (log) => criticalPathMs(log, alice, sys.usda.pid));
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
    mintPathMs: +mintPathMs.toFixed(2),
    redeemPathMs: +redeemPathMs.toFixed(2),
    mintPathRatio: +(mintPathMs / transferPathMs).toFixed(2),
    redeemPathRatio: +(redeemPathMs / transferPathMs).toFixed(2),
    runs,
  };
}
