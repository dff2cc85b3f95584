/**
 * Global setup: a fresh devnet (units + deploy + faucet, in a temp dir, random ports) in a child process, the site's
 * static export served on 127.0.0.1 with a /config.json for that devnet, and a fresh test wallet key.
 * Tests read everything from E2E_ENV; the returned function stops both.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { E2eEnv } from "./env";

const here = dirname(fileURLToPath(import.meta.url));
const e2eRoot = resolve(here, "..");
const siteOut = resolve(e2eRoot, "..", "site", "out");

function startDevnet(dataDir: string): Promise<{ child: ChildProcess; ready: Omit<E2eEnv, "baseUrl" | "testKeyFile" | "screenshots"> }> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const child = spawn(process.execPath, ["--conditions=@tim3/source", "--import", tsx, join(here, "devnet-runner.ts"), dataDir], {
    cwd: e2eRoot,
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
        ok({ child, ready: JSON.parse(m[1]) });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`the devnet runner exited (code ${code}):\n${log.slice(-4000)}`));
    });
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(siteOut, "index.html"))) throw new Error(`no static export at ${siteOut}: run \`pnpm nx build site\` first`);
  const screenshots = join(e2eRoot, "test-results", "screenshots");
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "tim3-site-e2e-"));
  const t0 = Date.now();
  const { child, ready } = await startDevnet(dataDir);
  console.log(`[e2e] devnet ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${ready.urls.gatewayUrl})`);

  const config = { network: "local", devnet: true, urls: ready.urls, processes: ready.processes, refreshMs: 2000 };
  const { serveStatic } = (await import(pathToFileURL(resolve(e2eRoot, "..", "site", "scripts", "static-server.mjs")).href)) as {
    serveStatic: (o: { dir: string; overrides: Record<string, string> }) => Promise<{ url: string; close(): Promise<void> }>;
  };
  const server = await serveStatic({ dir: siteOut, overrides: { "/config.json": JSON.stringify(config) } });

  // The holder's wallet: a fresh Arweave key (RSA-4096) that only the test's Node side ever sees.
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 4096, publicExponent: 65537 });
  const testKeyFile = join(dataDir, "holder.json");
  writeFileSync(testKeyFile, JSON.stringify(privateKey.export({ format: "jwk" })), { mode: 0o600 });

  const env: E2eEnv = { ...ready, baseUrl: server.url, testKeyFile, screenshots };
  process.env.E2E_ENV = JSON.stringify(env);

  return async () => {
    await server.close();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((ok) => child.once("exit", ok));
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(t);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
