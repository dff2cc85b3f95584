/**
 * Starts the devnet node (./node/main.ts: the HyperBEAM node API on TIM3's aos runtime, log in lmdb) as a child
 * process and waits until it answers. Data lives in `<dataDir>/node.lmdb`, the node's log in `<dataDir>/node.log`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DEFAULT_DATA_DIR } from "./paths";
import type { StateJson } from "./node/state-json";
import type { DeployState } from "@tim3/protocol";
export { DEFAULT_DATA_DIR, workspaceRoot } from "./paths";

const here = dirname(fileURLToPath(import.meta.url));
export const HOST = "127.0.0.1";
export const DEFAULT_PORT = 4000;

/** Where clients reach the devnet: one HyperBEAM-style node that is also the scheduler (aoconnect MODE "mainnet"). */
/** The node's URL and address (scheduler and Authority of every process spawned here): the deploy state's `urls`. */
export type DevnetUrls = DeployState["urls"];

export interface Devnet {
  port: number;
  dataDir: string;
  urls: DevnetUrls;
  /** The node's address. */
  address: string;
  /** The node's OS process id. */
  pid: number;
  /** Messages that were queued (assigned, not yet evaluated) when the node started: finished after a crash. */
  recovered: number;
  /** Messages replayed on start (after the last heap checkpoint) and how long opening took. */
  replayed: number;
  startMs: number;
  /** The second authority's address when the node holds one (`legacyRelay`): what Variant ao.TN.1 processes send arrives under it. */
  legacyRelay?: string;
  /** Stops the node cleanly (SIGTERM: a heap checkpoint, then exit; SIGKILL after 20 s). */
  stop(): Promise<void>;
  /** Sends a signal as is (tests use SIGKILL to simulate a crash) and resolves when the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Resolves once nothing is queued: every cascade started so far has been delivered and evaluated. */
  settle(timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

export interface StartOptions {
  dataDir?: string;
  /** The node's port. 0 or undefined: a free port the OS picks. */
  port?: number;
  /** Milliseconds to wait for the node to answer. */
  timeoutMs?: number;
  /** Also copy the node's output to this process's stderr. */
  verbose?: boolean;
  /** Heap checkpoint after this many evaluations of a process. */
  checkpointEvery?: number;
  /** Wait before each queued delivery (crash tests widen the window a SIGKILL falls into). */
  deliveryDelayMs?: number;
  /** How a push is answered when it names no push-mode: "sync" (default, as dev_push) or "async". */
  pushMode?: "sync" | "async";
  /** Charge this much credit per push and spawn (dev_p4): without credit, 402. */
  chargingPrice?: number;
  /** Serve the node's fault routes (`/~tim3@1.0/hold`, `/~tim3@1.0/release`: relayed messages held back). */
  faults?: boolean;
  /** Hold a second key, the legacy relay: a Variant ao.TN.1 process's messages are relayed under it (node/relay-authority.ts). */
  legacyRelay?: boolean;
  /** Which HyperBEAM version's JSON state reads answer in (node/state-json.ts); default "legacy". */
  stateJson?: StateJson;
  /**
   * "signed" (default): every relay is an ANS-104 item signed by the node (node/relay-signature.ts). "random": the
   * earlier unsigned relays with random ids, which nobody can verify; only for the bench's signed-vs-random ratio.
   */
  relayIds?: "signed" | "random";
}

export function urlsFor(port: number, scheduler: string): DevnetUrls {
  return { nodeUrl: `http://${HOST}:${port}`, scheduler };
}

interface ReadyLine {
  port: number;
  address: string;
  queued: number;
  replayed: number;
  startMs: number;
  legacyRelay?: string;
}

/**
 * How to start ./node/main.ts. From the bundle (`nx build devnet`: bin/devnet.mjs runs dist/devnet.mjs) it runs its
 * built sibling dist/devnet-node.mjs, so no TypeScript is compiled at run time; from the sources (tests, the bench,
 * the e2e kit, all under vitest or tsx) it runs main.ts with tsx, so a test always runs the code it was given.
 */
function nodeEntry(): string[] {
  if (!import.meta.url.endsWith(".ts")) return [join(here, "devnet-node.mjs")];
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  return ["--conditions=@tim3/source", "--import", tsx, join(here, "node", "main.ts")];
}

export async function startDevnet(options: StartOptions = {}): Promise<Devnet> {
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const timeoutMs = options.timeoutMs ?? 120_000;
  mkdirSync(dataDir, { recursive: true });
  const log = createWriteStream(join(dataDir, "node.log"), { flags: "a" });
  const args = [...nodeEntry(), "--data-dir", dataDir, "--host", HOST, "--port", String(options.port ?? 0)];
  if (options.checkpointEvery) args.push("--checkpoint-every", String(options.checkpointEvery));
  if (options.deliveryDelayMs) args.push("--delivery-delay-ms", String(options.deliveryDelayMs));
  if (options.pushMode) args.push("--push-mode", options.pushMode);
  if (options.chargingPrice) args.push("--charging-price", String(options.chargingPrice));
  if (options.faults) args.push("--faults");
  if (options.legacyRelay) args.push("--legacy-relay");
  if (options.stateJson) args.push("--state-json", options.stateJson);
  if (options.relayIds) args.push("--relay-ids", options.relayIds);
  const child: ChildProcess = spawn(process.execPath, args, { cwd: dataDir, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));
  // If this process ends without stop() (an error, Ctrl-C during start-up), the node ends with it.
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  };
  process.on("exit", onExit);
  void exited.then(() => process.off("exit", onExit));
  const ready = new Promise<ReadyLine>((ok, fail) => {
    // Until the ready line: once it is seen, the node's output is only copied to its log, never scanned again.
    let buffer: string | undefined = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      log.write(chunk);
      if (options.verbose) process.stderr.write(chunk);
      if (buffer === undefined) return;
      buffer += chunk.toString();
      const m = /TIM3-DEVNET-READY (\{.*\})/.exec(buffer);
      if (m) {
        buffer = undefined;
        ok(JSON.parse(m[1]) as ReadyLine);
      } else if (buffer.length > 100_000) buffer = buffer.slice(-1000);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      log.write(chunk);
      if (options.verbose) process.stderr.write(chunk);
    });
    void exited.then((code) => fail(new Error(`the devnet node exited (code ${code}) before it was ready; see ${join(dataDir, "node.log")}`)));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`the devnet node did not start within ${timeoutMs} ms`)), timeoutMs);
  });
  let line: ReadyLine;
  try {
    line = await Promise.race([ready, timeout]);
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  } finally {
    clearTimeout(timer);
  }
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    log.end();
  };
  return {
    port: line.port,
    dataDir,
    urls: urlsFor(line.port, line.address),
    address: line.address,
    pid: child.pid ?? -1,
    recovered: line.queued,
    replayed: line.replayed,
    startMs: line.startMs,
    ...(line.legacyRelay !== undefined ? { legacyRelay: line.legacyRelay } : {}),
    exited,
    kill,
    async settle(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const stats = (await (await fetch(`${urlsFor(line.port, line.address).nodeUrl}/~tim3@1.0/stats`)).json()) as { queued: number };
        if (stats.queued === 0) return;
        if (Date.now() > deadline) throw new Error(`the devnet still has ${stats.queued} queued messages after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(t);
      log.end();
    },
  };
}
