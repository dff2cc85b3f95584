/**
 * Global setup: a fresh devnet (units + deploy + faucet, in a temp dir, random ports) in a child process, the site's
 * static export served on 127.0.0.1 with a /config.json for that devnet, and a fresh test wallet key.
 * Tests read everything from E2E_ENV; the returned function stops both.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freshScreenshots, serveStatic, withDevnet, writeTestKey } from "@tim3/e2e-kit";
import { siteConfig } from "@tim3/web/node";
import type { E2eEnv } from "./env";

const e2eRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const siteOut = resolve(e2eRoot, "..", "site", "out");

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(siteOut, "index.html"))) throw new Error(`no static export at ${siteOut}: run \`pnpm nx build site\` first`);
  const screenshots = freshScreenshots(e2eRoot);
  return withDevnet("tim3-site-e2e-", async ({ ready, dataDir }) => {
    const config = siteConfig(JSON.parse(readFileSync(join(dataDir, "deploy-state.json"), "utf8")), { urls: ready.urls }, 2000);
    const server = await serveStatic({ dir: siteOut, overrides: { "/config.json": JSON.stringify(config) } });
    // The holder's wallet, behind the injected test wallet.
    const testKeyFile = writeTestKey(dataDir, "holder.json");
    const env: E2eEnv = { ...ready, baseUrl: server.url, testKeyFile, screenshots };
    process.env.E2E_ENV = JSON.stringify(env);
    return () => server.close();
  });
}
