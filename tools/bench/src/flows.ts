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
  runs: number;
}

/** Hops from the holder's own message to the Credit-Notice that ends the flow for the holder. */
function criticalPath(log: Delivered[], holder: string, token: string): number {
  const notice = log.map((d) => d.envelope).find((e) => e.target === holder && e.from === token && e.tags[Tags.Action] === Actions.CreditNotice);
  if (notice === undefined) throw new Error("the flow did not end with a Credit-Notice to the holder");
  return notice.depth;
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
    runs,
  };
}
