/**
 * Global setup: a fresh devnet (units + deploy + faucet, temp dir, random ports) in a child process — the site
 * e2e's runner (apps/site-e2e/src/devnet-runner.ts) — the console's static export served on 127.0.0.1 with a
 * /config.json written from that devnet's deploy state (apps/admin/scripts/write-config.mjs), and a holder key.
 * Tests read everything from ADMIN_E2E_ENV; the returned function stops both.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AdminE2eEnv } from "./env";

const here = dirname(fileURLToPath(import.meta.url));
const e2eRoot = resolve(here, "..");
const adminApp = resolve(e2eRoot, "..", "admin");
const require = createRequire(import.meta.url);

type Ready = Pick<AdminE2eEnv, "urls" | "processes" | "adminKeyFile" | "admin">;

/** Runs the site e2e's devnet runner and waits for its ready line. */
function startDevnet(dataDir: string): Promise<{ child: ChildProcess; ready: Ready }> {
  const tsx = pathToFileURL(require.resolve("tsx")).href;
  // eslint-disable-next-line @nx/enforce-module-boundaries -- the site e2e's runner, shared (see /work/notes/admin-needs.md)
  const runner = require.resolve("@tim3/site-e2e/src/devnet-runner.ts");
  const child = spawn(process.execPath, ["--conditions=@tim3/source", "--import", tsx, runner, dataDir], {
    cwd: dirname(dirname(runner)),
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
        ok({ child, ready: JSON.parse(m[1]) as Ready });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`the devnet runner exited (code ${code}):\n${log.slice(-4000)}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((ok) => child.once("exit", ok));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(t);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const out = join(adminApp, "out");
  if (!existsSync(join(out, "index.html"))) throw new Error(`no static export at ${out}: run \`pnpm nx build admin\` first`);
  const screenshots = join(e2eRoot, "test-results", "screenshots");
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "tim3-admin-e2e-"));
  const t0 = Date.now();
  const { child, ready } = await startDevnet(dataDir);
  console.log(`[e2e] devnet ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${ready.urls.gatewayUrl})`);
  try {
    const stateFile = join(dataDir, "deploy-state.json");
    const { consoleConfig } = (await import(pathToFileURL(join(adminApp, "scripts", "write-config.mjs")).href)) as {
      consoleConfig: (state: unknown, info: unknown, refreshMs?: number) => unknown;
    };
    const config = consoleConfig(JSON.parse(readFileSync(stateFile, "utf8")), { urls: ready.urls }, 2000);
    // The site's small static server (node:http) serves the console's export too; see /work/notes/admin-needs.md.
    const { serveStatic } = (await import(pathToFileURL(resolve(e2eRoot, "..", "site", "scripts", "static-server.mjs")).href)) as {
      serveStatic: (o: { dir: string; overrides: Record<string, string> }) => Promise<{ url: string; close(): Promise<void> }>;
    };
    const server = await serveStatic({ dir: out, overrides: { "/config.json": JSON.stringify(config) } });

    // A holder: a fresh Arweave key (RSA-4096), not the admin.
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 4096, publicExponent: 65537 });
    const holderKeyFile = join(dataDir, "holder.json");
    writeFileSync(holderKeyFile, JSON.stringify(privateKey.export({ format: "jwk" })), { mode: 0o600 });

    const env: AdminE2eEnv = { ...ready, baseUrl: server.url, holderKeyFile, stateFile, screenshots };
    process.env.ADMIN_E2E_ENV = JSON.stringify(env);
    return async () => {
      await server.close();
      await stop(child);
      rmSync(dataDir, { recursive: true, force: true });
    };
  } catch (e) {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}
