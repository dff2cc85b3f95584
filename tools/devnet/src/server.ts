/**
 * Starts the local AO units (wao server mode, via ./wao-server.mjs) as a child process and waits until they answer.
 * Data lives in `<dataDir>/db` (lmdb), the unit log in `<dataDir>/units.log`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const HOST = "127.0.0.1";
const here = dirname(fileURLToPath(import.meta.url));
import { DEFAULT_DATA_DIR } from "./paths";
export { DEFAULT_DATA_DIR, workspaceRoot } from "./paths";
export const DEFAULT_PORT = 4000;

export interface DevnetUrls {
  gatewayUrl: string;
  muUrl: string;
  suUrl: string;
  cuUrl: string;
}

export interface Devnet {
  port: number;
  dataDir: string;
  urls: DevnetUrls;
  /** The units' process id. */
  pid: number;
  /** Messages the units finished on start after a crash. */
  recovered: number;
  /** Stops the units cleanly (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
  /** Sends a signal as is (tests use SIGKILL to simulate a crash) and resolves when the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
  exited: Promise<number | null>;
}

export interface StartOptions {
  dataDir?: string;
  /** First of five consecutive ports (AR, bundler, MU, SU, CU). 0 or undefined in tests: a free random range. */
  port?: number;
  /** Milliseconds to wait for the units to answer. */
  timeoutMs?: number;
  /** Also copy the units' output to this process's stderr. */
  verbose?: boolean;
}

export function urlsFor(port: number): DevnetUrls {
  return {
    gatewayUrl: `http://${HOST}:${port}`,
    muUrl: `http://${HOST}:${port + 2}`,
    suUrl: `http://${HOST}:${port + 3}`,
    cuUrl: `http://${HOST}:${port + 4}`,
  };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const srv = createServer();
    srv.once("error", () => ok(false));
    srv.listen(port, HOST, () => srv.close(() => ok(true)));
  });
}

/** A random base port with base..base+4 all free on 127.0.0.1. */
export async function findFreePortRange(count = 5): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 8_000) * 5;
    let free = true;
    for (let i = 0; i < count && free; i++) free = await portIsFree(base + i);
    if (free) return base;
  }
  throw new Error("no free range of ports found on 127.0.0.1");
}

async function answers(url: string): Promise<boolean> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return r.status < 500;
  } catch {
    return false;
  }
}

export async function startDevnet(options: StartOptions = {}): Promise<Devnet> {
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const port = options.port ? options.port : await findFreePortRange();
  const timeoutMs = options.timeoutMs ?? 60_000;
  mkdirSync(dataDir, { recursive: true });
  const log = createWriteStream(join(dataDir, "units.log"), { flags: "a" });
  const child: ChildProcess = spawn(
    process.execPath,
    ["--experimental-wasm-memory64", join(here, "wao-server.mjs"), "--port", String(port), "--host", HOST, "--db", join(dataDir, "db")],
    { cwd: dataDir, stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));
  // If this process ends without stop() (an error, Ctrl-C during start-up), the units end with it.
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  };
  process.on("exit", onExit);
  void exited.then(() => process.off("exit", onExit));
  let recovered = 0;
  const ready = new Promise<void>((ok, fail) => {
    let buffer = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      log.write(chunk);
      if (options.verbose) process.stderr.write(chunk);
      buffer += chunk.toString();
      const m = /TIM3-DEVNET-READY (\{.*\})/.exec(buffer);
      if (m) {
        recovered = (JSON.parse(m[1]) as { recovered: number }).recovered;
        buffer = "";
        ok();
      } else if (buffer.length > 100_000) buffer = buffer.slice(-1000);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      log.write(chunk);
      if (options.verbose) process.stderr.write(chunk);
    });
    void exited.then((code) => fail(new Error(`the AO units exited (code ${code}) before they were ready; see ${join(dataDir, "units.log")}`)));
  });
  const timer = new Promise<never>((_, fail) => {
    const t = setTimeout(() => fail(new Error(`the AO units did not start within ${timeoutMs} ms`)), timeoutMs);
    void ready.finally(() => clearTimeout(t)).catch(() => clearTimeout(t));
  });
  try {
    await Promise.race([ready, timer]);
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  const urls = urlsFor(port);
  for (const url of [urls.gatewayUrl, `${urls.cuUrl}/`, `${urls.muUrl}/`]) {
    const deadline = Date.now() + 10_000;
    while (!(await answers(url))) {
      if (Date.now() > deadline) throw new Error(`${url} does not answer`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    log.end();
  };
  return {
    port,
    dataDir,
    urls,
    pid: child.pid ?? -1,
    recovered,
    exited,
    kill,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(t);
      log.end();
    },
  };
}
