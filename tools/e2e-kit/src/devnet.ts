/**
 * A fresh devnet (node + deploy + faucet, in a temp dir, random ports) for an e2e global setup: ./devnet-runner.ts in
 * a child process (tsx, "@tim3/source"), awaited until it prints its ready line. `usda: "blueprint"` stands the aos
 * token blueprint's double in for USDA (as `devnet up --usda blueprint`): no faucet, the dev wallet minted 1000.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { UsdaKind } from "@tim3/devnet";
import type { AppConfig, DeployState } from "@tim3/protocol";

const here = dirname(fileURLToPath(import.meta.url));

/** What the runner reports once the devnet is up. */
export interface DevnetReady {
  /** The devnet node (HyperBEAM API, aoconnect MODE "mainnet") and its address (the scheduler), as deployed. */
  urls: DeployState["urls"];
  /** The process ids by role, as the apps' config.json carries them. */
  processes: AppConfig["processes"];
  /** The devnet admin (deployer) key. */
  adminKeyFile: string;
  admin: string;
}

export interface E2eDevnetOptions {
  /** Which USDA the devnet runs (tools/devnet's UsdaKind); default "mock", whatever TIM3_USDA says. */
  usda?: UsdaKind;
}

export interface E2eDevnet {
  /** The devnet's data dir (deploy-state.json is in it); removed by stop(). */
  dataDir: string;
  ready: DevnetReady;
  /** Stops the runner (SIGTERM, SIGKILL after 10 s) and removes the data dir. */
  stop(): Promise<void>;
}

function runDevnet(dataDir: string, usda: UsdaKind): Promise<{ child: ChildProcess; ready: DevnetReady }> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const child = spawn(process.execPath, ["--conditions=@tim3/source", "--import", tsx, join(here, "devnet-runner.ts"), dataDir, usda], {
    cwd: resolve(here, ".."),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`the devnet did not start within 180 s:\n${log.slice(-4000)}`));
    }, 180_000);
    child.stderr?.on("data", (c: Buffer) => {
      log += c.toString();
      if (process.env.E2E_VERBOSE) process.stderr.write(c);
    });
    let out = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /E2E-DEVNET-READY (\{.*\})/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ child, ready: JSON.parse(m[1]) as DevnetReady });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`the devnet runner exited (code ${code}):\n${log.slice(-4000)}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((ok) => child.once("exit", ok));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(t);
}

/** Starts a fresh devnet in a new temp dir named `prefix…` and logs how long it took. */
export async function startDevnet(prefix: string, options: E2eDevnetOptions = {}): Promise<E2eDevnet> {
  const usda = options.usda ?? "mock";
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const t0 = Date.now();
  try {
    const { child, ready } = await runDevnet(dataDir, usda);
    console.log(`[e2e] devnet (${usda} USDA) ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${ready.urls.nodeUrl})`);
    return {
      dataDir,
      ready,
      stop: async () => {
        await stopChild(child);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * A global setup around a fresh devnet: `setup` serves the app and hands the tests their environment, and returns its
 * own teardown. The returned teardown runs it and stops the devnet; a failing setup stops the devnet at once.
 */
export async function withDevnet(
  prefix: string,
  setup: (devnet: E2eDevnet) => Promise<() => Promise<void>>,
  options: E2eDevnetOptions = {},
): Promise<() => Promise<void>> {
  const devnet = await startDevnet(prefix, options);
  try {
    const teardown = await setup(devnet);
    return async () => {
      await teardown();
      await devnet.stop();
    };
  } catch (e) {
    await devnet.stop();
    throw e;
  }
}
