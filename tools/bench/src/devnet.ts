/**
 * 7. The devnet over HTTP with the real @permaweb/aoconnect (MODE "mainnet"), as users and the CLI reach it: message
 * round trips (compared with WAO's units in section 1), one USDA Transfer round trip, a mint and a redeem from send
 * to completed through the SDK as the CLI runs them, the `tim3` CLI itself, and restarts with N messages in the log.
 * Also, for section 8, a balance and the reserves read as a client pays for them on this devnet — an HTTP GET of the
 * exposed state (the SDK's state reader) against the same read by dry-run over HTTP (aoconnect's `dryrun`, which the
 * devnet still serves and counts for this comparison) — and the site's time from load to balances shown.
 * Runs before anything loads the aos module into this Node process (ao-loader replaces its clocks, see ./clock.ts).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDevnet, up, workspaceRoot } from "@tim3/devnet";
import { Actions, OperationStatus, Tags } from "@tim3/protocol";
import { createAoClient, createStateReader, nodeSigner, toTags, type AoClient, type StateReader, type Tim3Client } from "@tim3/sdk";
import { nodeFetch } from "@tim3/sdk/node";
import { median, now, perSecond, timed } from "./clock";
import { benchSiteLoad, type SiteLoadResult } from "./site-load";

/** The longest wait between two Get-Operation reads in `tim3 mint` / `tim3 redeem` (tools/cli/src/commands.ts). */
const CLI_INTERVAL_MS = 500;

export interface DevnetResult {
  /** Signed message + its result, one after another (Balance to USDA). */
  messagesPerSecond: number;
  messages: number;
  /** A USDA Transfer: message + result carrying the Debit-Notice. */
  transferMs: number;
  /** SDK mint / redeem: send, then waitForOperation as the CLI calls it, until the Coordinator says completed. */
  mintMs: number;
  redeemMs: number;
  mintRatio: number;
  redeemRatio: number;
  /** `tim3 mint` as a user types it: the whole CLI process, and the same for `tim3 --help` (start-up alone). */
  cliMintMs: number;
  cliStartMs: number;
  cliMintRatio: number;
  runs: number;
  /**
   * Messages in the node's log when it was restarted, and the restarts, after a SIGKILL and after a clean stop
   * (SIGTERM: heap checkpoints first): the node's own opening time (heaps loaded, log replayed since each process's
   * last checkpoint) and the wall time from spawning the node until it answers (Node and tsx start-up included).
   */
  logMessages: number;
  restartCleanWallMs: number;
  restartKilledWallMs: number;
  restartCleanMs: number;
  restartCleanReplayed: number;
  restartKilledMs: number;
  restartKilledReplayed: number;
  /** Section 8's HTTP columns: exposed-state GETs vs dry-runs, both over this devnet's HTTP API. */
  reads: HttpReads;
  /** The site: navigation to the connected wallet's balances shown (./site-load.ts). */
  siteLoad: SiteLoadResult;
}

export interface ReadPair {
  /** The SDK's read as a Node client (the CLI) sends it: `nodeFetch()` of @tim3/sdk/node. Median of the rounds' means. */
  exposedMs: number;
  /** The same SDK read through the platform fetch (undici in Node; a browser has its own). */
  exposedFetchMs?: number;
  /** aoconnect's dry-run of the same read. Median of the rounds' means. */
  dryRunMs: number;
  ratio: number;
}

export interface HttpReads {
  /** Reads of each kind in all, in `rounds` rounds (each: GETs by nodeFetch, GETs by the platform fetch, dry-runs). */
  reads: number;
  dryRuns: number;
  rounds?: number;
  /** Balance GETs, and as many reserves GETs, sent through the nodeFetch reader before the rounds (a quarter through the platform fetch's). */
  warmUpGets?: number;
  /**
   * A fresh client's first balance reads, before any warm-up: the mean of its first GETs (nodeFetch) and of its first
   * dry-runs. What a short-lived client such as one `tim3 status` pays.
   */
  cold?: { gets: number; dryRuns: number; exposedMs: number; dryRunMs: number; ratio: number };
  balance: ReadPair;
  reserves: ReadPair;
}

function cli(dataDir: string, ...args: string[]): Promise<{ ms: number; code: number | null; stderr: string }> {
  const start = now();
  const child = spawn(process.execPath, [join(workspaceRoot, "tools/cli/bin/tim3.mjs"), ...args, "--data-dir", dataDir], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((ok) => child.once("exit", (code) => ok({ ms: now() - start, code, stderr })));
}

async function flowMs(client: Tim3Client, kind: "mint" | "redeem", quantity: string, runs: number): Promise<number> {
  const t = await timed(async () => {
    for (let i = 0; i < runs; i++) {
      const req = kind === "mint" ? await client.mint(quantity) : await client.redeem(quantity);
      const op = await client.waitForOperation(req.requestId, { holder: req.holder, kind: req.kind, intervalMs: CLI_INTERVAL_MS });
      if (op.status !== OperationStatus.Completed) throw new Error(`bench ${kind} ended ${op.status}: ${op.reason ?? ""}`);
    }
  });
  return t.ms / runs;
}

/** Sends `count` signed messages, `inFlight` at a time, to fill the node's log. */
async function fill(send: () => Promise<unknown>, count: number, inFlight = 8): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      await send();
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

function tagOf(result: Awaited<ReturnType<AoClient["query"]>>, name: string): string | undefined {
  for (const m of (result as { Messages?: { Tags?: { name: string; value: string }[] }[] }).Messages ?? []) {
    const t = m.Tags?.find((x) => x.name === name);
    if (t) return t.value;
  }
  return undefined;
}

/**
 * A balance and the reserves, each read `reads` times by HTTP GET of exposed state (the SDK's state reader as the CLI
 * creates it, with nodeFetch; and again through the platform fetch) and `dryRuns` times by dry-run over HTTP
 * (aoconnect 0.0.98 MODE "mainnet" `dryrun`: POST /<pid>~process@1.0/as=execution/compute, signed), one after
 * another, as a client would.
 *
 * A fresh client's first reads are timed on their own first (`cold`). Then `warmUpGets` pairs of GETs: V8
 * needs a few thousand round trips before the HTTP code of client and node runs optimised (measured: a GET's mean
 * falls from 0.9 ms over the first thousand to 0.2–0.3 ms from the third thousand on, while a dry-run's stays at
 * 26–48 ms). Then `rounds` rounds in which the GETs and the dry-runs take turns; each figure is the median of the
 * rounds' means, so both sides see the same machine load.
 */
async function httpReads(ao: AoClient, nodeUrl: string, holder: string, tokenManager: string, stateManager: string, o: ReadSizes): Promise<HttpReads> {
  const reader = createStateReader({ nodeUrl, fetch: nodeFetch() });
  const fetchReader = createStateReader({ nodeUrl });
  const balanceTags = toTags({ [Tags.Action]: Actions.Balance });
  const reservesTags = toTags({ [Tags.Action]: Actions.GetReserves });
  const meanOf = async (n: number, f: () => Promise<unknown>) =>
    (
      await timed(async () => {
        for (let i = 0; i < n; i++) await f();
      })
    ).ms / n;
  const getsPerRound = Math.max(1, Math.round(o.reads / o.rounds));
  const dryRunsPerRound = Math.max(1, Math.round(o.dryRuns / o.rounds));
  const ms = (x: number) => +x.toFixed(3);

  // Same answer both ways, checked once; these first reads are the cold ones.
  const dry = tagOf(await ao.query(tokenManager, balanceTags), Tags.Balance);
  const exposed = await reader.balance(tokenManager, holder);
  if (dry !== exposed) throw new Error(`exposed balance ${exposed} differs from the dry-run's ${String(dry)}`);
  const coldGets = await meanOf(getsPerRound, () => reader.balance(tokenManager, holder));
  const coldDryRuns = await meanOf(dryRunsPerRound, () => ao.query(tokenManager, balanceTags));
  const cold = { gets: getsPerRound, dryRuns: dryRunsPerRound, exposedMs: ms(coldGets), dryRunMs: ms(coldDryRuns), ratio: +(coldDryRuns / coldGets).toFixed(1) };

  await ao.query(stateManager, reservesTags);
  for (let i = 0; i < o.warmUpGets; i++) await Promise.all([reader.balance(tokenManager, holder), reader.reserves(stateManager)]);
  for (let i = 0; i < o.warmUpGets / 4; i++) await Promise.all([fetchReader.balance(tokenManager, holder), fetchReader.reserves(stateManager)]);

  const measure = async (get: (r: StateReader) => Promise<unknown>, dryRun: () => Promise<unknown>): Promise<ReadPair> => {
    const exposedMs: number[] = [];
    const fetchMs: number[] = [];
    const dryRunMs: number[] = [];
    for (let round = 0; round < o.rounds; round++) {
      exposedMs.push(await meanOf(getsPerRound, () => get(reader)));
      fetchMs.push(await meanOf(getsPerRound, () => get(fetchReader)));
      dryRunMs.push(await meanOf(dryRunsPerRound, dryRun));
    }
    const e = median(exposedMs);
    const d = median(dryRunMs);
    return { exposedMs: ms(e), exposedFetchMs: ms(median(fetchMs)), dryRunMs: ms(d), ratio: +(d / e).toFixed(1) };
  };
  const balance = await measure((r) => r.balance(tokenManager, holder), () => ao.query(tokenManager, balanceTags));
  const reserves = await measure((r) => r.reserves(stateManager), () => ao.query(stateManager, reservesTags));
  return { reads: getsPerRound * o.rounds, dryRuns: dryRunsPerRound * o.rounds, rounds: o.rounds, warmUpGets: o.warmUpGets, cold, balance, reserves };
}

/** How many reads section 8 times over HTTP. */
export interface ReadSizes {
  reads: number;
  dryRuns: number;
  rounds: number;
  warmUpGets: number;
}

/**
 * Section 8's HTTP columns on their own (`--only reads`): a fresh devnet, one mint so the dev wallet holds TIM3, then
 * `httpReads`. The devnet section measures the same pair on its own devnet after its flows.
 */
export async function benchHttpReads(sizes: ReadSizes): Promise<HttpReads> {
  const dataDir = mkdtempSync(join(tmpdir(), "tim3-bench-reads-"));
  const running = await up({ dataDir, port: 0, log: () => undefined });
  try {
    const { client, processes } = running;
    const jwk = JSON.parse(readFileSync(running.wallet.keyFile, "utf8"));
    const ao = createAoClient({ network: running.urls, signer: nodeSigner(jwk) });
    await flowMs(client, "mint", "1000000000000", 1);
    await running.devnet.settle();
    return await httpReads(ao, running.urls.nodeUrl, running.wallet.address, processes.tokenManager, processes.stateManager, sizes);
  } finally {
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Messages the node has evaluated since it started (on a fresh data dir: every message in its log). */
async function evaluated(nodeUrl: string): Promise<number> {
  return ((await (await fetch(`${nodeUrl}/~tim3@1.0/stats`)).json()) as { evaluated: number }).evaluated;
}

export async function benchDevnet(options: { runs: number; messages: number; logMessages: number; reads: ReadSizes; siteLoads: number }): Promise<DevnetResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "tim3-bench-devnet-"));
  const running = await up({ dataDir, port: 0, log: () => undefined });
  try {
    const { client, processes } = running;
    const jwk = JSON.parse(readFileSync(running.wallet.keyFile, "utf8"));
    const ao = createAoClient({ network: running.urls, signer: nodeSigner(jwk) });
    const balance = toTags({ [Tags.Action]: Actions.Balance });
    await ao.send(processes.usda, balance);
    const messages = await timed(async () => {
      for (let i = 0; i < options.messages; i++) await ao.send(processes.usda, balance);
    });
    const other = randomBytes(32).toString("base64url");
    await client.transfer("usda", other, "1");
    const transfer = await timed(async () => {
      for (let i = 0; i < options.runs; i++) await client.transfer("usda", other, "1");
    });
    const transferMs = transfer.ms / options.runs;
    const quantity = "1000000000000"; // 1 USDA (12 decimals)
    const mintMs = await flowMs(client, "mint", quantity, options.runs);
    const redeemMs = await flowMs(client, "redeem", quantity, options.runs);
    const cliStart = await cli(dataDir, "--help");
    const cliRuns: number[] = [];
    for (let i = 0; i < Math.min(3, options.runs); i++) {
      const r = await cli(dataDir, "mint", "1");
      if (r.code !== 0) throw new Error(`tim3 mint failed: ${r.stderr.slice(-500)}`);
      cliRuns.push(r.ms);
    }
    const cliMintMs = cliRuns.reduce((a, b) => a + b, 0) / cliRuns.length;
    await running.devnet.settle();
    const reads = await httpReads(ao, running.urls.nodeUrl, running.wallet.address, processes.tokenManager, processes.stateManager, options.reads);
    const siteLoad = await benchSiteLoad({
      root: workspaceRoot,
      urls: running.urls,
      state: running.state,
      jwk,
      address: running.wallet.address,
      balances: { usda: await client.balance("usda"), tim3: await client.balance("tim3") },
      denominations: { usda: await client.denomination("usda"), tim3: await client.denomination("tim3") },
      runs: options.siteLoads,
    });

    // The log: everything so far (deploy and the flows above included) plus Balance messages up to logMessages.
    await fill(() => ao.send(processes.usda, balance), Math.max(0, options.logMessages - (await evaluated(running.urls.nodeUrl))));
    await running.devnet.settle();
    const logMessages = await evaluated(running.urls.nodeUrl);
    // A crash: whatever followed each process's last heap checkpoint is replayed from the log.
    await running.devnet.kill("SIGKILL");
    await running.stop();
    const { value: killed, ms: restartKilledWallMs } = await timed(() => startDevnet({ dataDir, port: 0 }));
    const restartKilledMs = killed.startMs;
    const restartKilledReplayed = killed.replayed;
    await killed.stop();
    const { value: clean, ms: restartCleanWallMs } = await timed(() => startDevnet({ dataDir, port: 0 }));
    const result: DevnetResult = {
      messagesPerSecond: perSecond(options.messages, messages.ms),
      messages: options.messages,
      transferMs: +transferMs.toFixed(1),
      mintMs: +mintMs.toFixed(1),
      redeemMs: +redeemMs.toFixed(1),
      mintRatio: +(mintMs / transferMs).toFixed(2),
      redeemRatio: +(redeemMs / transferMs).toFixed(2),
      cliMintMs: +cliMintMs.toFixed(0),
      cliStartMs: +cliStart.ms.toFixed(0),
      cliMintRatio: +(cliMintMs / transferMs).toFixed(2),
      runs: options.runs,
      logMessages,
      restartCleanMs: clean.startMs,
      restartCleanReplayed: clean.replayed,
      restartKilledMs,
      restartKilledReplayed,
      restartCleanWallMs: Math.round(restartCleanWallMs),
      restartKilledWallMs: Math.round(restartKilledWallMs),
      reads,
      siteLoad,
    };
    await clean.stop();
    return result;
  } finally {
    await running.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
