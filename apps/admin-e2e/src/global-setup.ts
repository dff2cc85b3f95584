/**
 * Global setup: a fresh devnet (units + deploy + faucet, temp dir, random ports) in a child process (@tim3/e2e-kit),
 * the console's static export served on 127.0.0.1 with a /config.json written from that devnet's deploy state
 * (@tim3/web/node's consoleConfig, as the console's own scripts/write-config.mjs), and a holder key.
 * Tests read everything from ADMIN_E2E_ENV; the returned function stops both.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freshScreenshots, serveStatic, withDevnet, writeTestKey } from "@tim3/e2e-kit";
import { consoleConfig } from "@tim3/web/node";
import type { AdminE2eEnv } from "./env";

const e2eRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const adminApp = resolve(e2eRoot, "..", "admin");

export default async function globalSetup(): Promise<() => Promise<void>> {
  const out = join(adminApp, "out");
  if (!existsSync(join(out, "index.html"))) throw new Error(`no static export at ${out}: run \`pnpm nx build admin\` first`);
  const screenshots = freshScreenshots(e2eRoot);
  return withDevnet("tim3-admin-e2e-", async ({ ready, dataDir }) => {
    const stateFile = join(dataDir, "deploy-state.json");
    const config = consoleConfig(JSON.parse(readFileSync(stateFile, "utf8")), { urls: ready.urls }, 2000);
    const server = await serveStatic({ dir: out, overrides: { "/config.json": JSON.stringify(config) } });
    // A holder: a fresh Arweave key, not the admin.
    const holderKeyFile = writeTestKey(dataDir, "holder.json");
    const env: AdminE2eEnv = { ...ready, baseUrl: server.url, holderKeyFile, stateFile, screenshots };
    process.env.ADMIN_E2E_ENV = JSON.stringify(env);
    return () => server.close();
  });
}
