/**
 * 8. Reads, in memory: a balance and the reserves read as on AO mainnet — an HTTP GET of the state the process exposed
 * with patch@1.0 (the SDK's state reader against libs/testing's cache server, in this process) — against the same read
 * by dry-run evaluated in the aos module here, with no HTTP at all. The ratio goal is judged on the same reads over the
 * devnet's HTTP API (./devnet.ts, `httpReads`), as a client pays them; this pair shows what HTTP adds to each side.
 */
import { Actions, Tags } from "@tim3/protocol";
import { createStateReader } from "@tim3/sdk";
import { nodeFetch } from "@tim3/sdk/node";
import { deployTim3, fundUsda, mintTim3, newId, startCacheServer } from "@tim3/testing";
import { timed } from "./clock";

export interface ReadResult {
  reads: number;
  dryRuns: number;
  balance: { exposedMs: number; dryRunMs: number; ratio: number };
  reserves: { exposedMs: number; dryRunMs: number; ratio: number };
}

const mean = (ms: number, n: number) => +(ms / n).toFixed(3);

export async function benchReads(reads = 500, dryRuns = 30): Promise<ReadResult> {
  const sys = await deployTim3();
  const holder = newId();
  await fundUsda(sys, holder, "1000000");
  await mintTim3(sys, holder, "1000");
  const server = await startCacheServer((pid) => Object.values(sys.processes).find((p) => p.pid === pid));
  try {
    const reader = createStateReader({ nodeUrl: server.url, fetch: nodeFetch() });
    // Same answers both ways, checked once before timing.
    const [dry] = await sys.network.query(holder, sys.tokenManager.pid, { [Tags.Action]: Actions.Balance });
    if ((await reader.balance(sys.tokenManager.pid, holder)) !== dry.tags[Tags.Balance]) throw new Error("exposed balance differs from the dry-run's");

    // The same warm-up as over HTTP (./devnet.ts): the GETs are timed once V8 runs the HTTP code optimised.
    for (let i = 0; i < 3 * reads; i++) await Promise.all([reader.balance(sys.tokenManager.pid, holder), reader.reserves(sys.stateManager.pid)]);
    const exposedBalance = await timed(async () => {
      for (let i = 0; i < reads; i++) await reader.balance(sys.tokenManager.pid, holder);
    });
    const dryBalance = await timed(async () => {
      for (let i = 0; i < dryRuns; i++) await sys.network.query(holder, sys.tokenManager.pid, { [Tags.Action]: Actions.Balance });
    });
    const exposedReserves = await timed(async () => {
      for (let i = 0; i < reads; i++) await reader.reserves(sys.stateManager.pid);
    });
    const dryReserves = await timed(async () => {
      for (let i = 0; i < dryRuns; i++) await sys.network.query(holder, sys.stateManager.pid, { [Tags.Action]: Actions.GetReserves });
    });
    const pair = (exposed: number, dryRun: number) => {
      const e = mean(exposed, reads);
      const d = mean(dryRun, dryRuns);
      return { exposedMs: e, dryRunMs: d, ratio: +(d / e).toFixed(1) };
    };
    return {
      reads,
      dryRuns,
      balance: pair(exposedBalance.ms, dryBalance.ms),
      reserves: pair(exposedReserves.ms, dryReserves.ms),
    };
  } finally {
    await server.close();
  }
}
