/** 1. Message round trips and dry-runs per second: TIM3's aos runtime (libs/testing) against WAO's in-memory AO. */
import { Actions, Tags } from "@tim3/protocol";
import { AosProcess, Network, loadBundle, newId } from "@tim3/testing";
import { perSecond, timed } from "./clock";
import { waoProcess } from "./wao-baseline";

export interface RuntimeResult {
  ours: { messagesPerSecond: number; dryRunsPerSecond: number; heapBytes: number; messages: number; dryRuns: number };
  wao: { messagesPerSecond: number; dryRunsPerSecond: number; heapBytes: number; messages: number; dryRuns: number };
  messageRatio: number;
  dryRunRatio: number;
}

export async function benchRuntime(oursCount = 2000, waoCount = 40): Promise<RuntimeResult> {
  const lua = loadBundle("mock-usda");
  const balance = { [Tags.Action]: Actions.Balance };

  const net = new Network();
  const p = await AosProcess.spawn({ owner: newId() });
  await p.eval(lua, net.now());
  net.add(p.pid, p);
  const wallet = newId();
  await net.send(wallet, p.pid, balance);
  const ourMessages = await timed(async () => {
    for (let i = 0; i < oursCount; i++) await net.send(wallet, p.pid, balance);
  });
  const dryCount = Math.round(oursCount / 10);
  const ourDry = await timed(async () => {
    for (let i = 0; i < dryCount; i++) await net.query(wallet, p.pid, balance);
  });

  const w = await waoProcess(lua);
  await w.message(balance);
  const waoMessages = await timed(async () => {
    for (let i = 0; i < waoCount; i++) await w.message(balance);
  });
  const waoDry = await timed(async () => {
    for (let i = 0; i < waoCount; i++) await w.dryrun(balance);
  });
  const ours = {
    messagesPerSecond: perSecond(oursCount, ourMessages.ms),
    dryRunsPerSecond: perSecond(dryCount, ourDry.ms),
    heapBytes: p.heapBytes(),
    messages: oursCount,
    dryRuns: dryCount,
  };
  const wao = {
    messagesPerSecond: perSecond(waoCount, waoMessages.ms),
    dryRunsPerSecond: perSecond(waoCount, waoDry.ms),
    heapBytes: w.heapBytes(),
    messages: waoCount,
    dryRuns: waoCount,
  };
  return {
    ours,
    wao,
    messageRatio: +(ours.messagesPerSecond / Math.max(1, wao.messagesPerSecond)).toFixed(1),
    dryRunRatio: +(ours.dryRunsPerSecond / Math.max(1, wao.dryRunsPerSecond)).toFixed(1),
  };
}
