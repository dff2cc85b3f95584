/**
 * The global setup both site stories share: a fresh devnet (units + deploy, in a temp dir, random ports) in a child
 * process with the story's USDA, the site's static export served on 127.0.0.1 with a /config.json for that devnet, and
 * a fresh test wallet key (which `prepare` may fund). Tests read everything from E2E_ENV; the teardown stops both.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freshScreenshots, serveStatic, withDevnet, writeTestKey, type E2eDevnet, type E2eDevnetOptions } from "@tim3/e2e-kit";
import { siteConfig } from "@tim3/web/node";
import type { E2eEnv } from "./env";

const e2eRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const siteOut = resolve(e2eRoot, "..", "site", "out");

export interface SiteStory {
  /** Temp dir prefix of the devnet's data. */
  prefix: string;
  usda: NonNullable<E2eDevnetOptions["usda"]>;
  /** A named story's screenshots go to test-results/<story>/screenshots (see e2eConfig's `story`). */
  story?: string;
  /** Runs once the devnet is up, before the tests: e.g. funding the holder. */
  prepare?: (devnet: E2eDevnet, holderKeyFile: string) => Promise<void>;
}

export function siteGlobalSetup(s: SiteStory): () => Promise<() => Promise<void>> {
  return async () => {
    if (!existsSync(join(siteOut, "index.html"))) throw new Error(`no static export at ${siteOut}: run \`pnpm nx build site\` first`);
    const screenshots = freshScreenshots(e2eRoot, s.story);
    return withDevnet(
      s.prefix,
      async (devnet) => {
        const { ready, dataDir } = devnet;
        const config = siteConfig(JSON.parse(readFileSync(join(dataDir, "deploy-state.json"), "utf8")), { urls: ready.urls }, 2000);
        const server = await serveStatic({ dir: siteOut, overrides: { "/config.json": JSON.stringify(config) } });
        try {
          // The holder's wallet, behind the injected test wallet.
          const testKeyFile = writeTestKey(dataDir, "holder.json");
          await s.prepare?.(devnet, testKeyFile);
          const env: E2eEnv = { ...ready, baseUrl: server.url, testKeyFile, screenshots };
          process.env.E2E_ENV = JSON.stringify(env);
        } catch (e) {
          await server.close();
          throw e;
        }
        return () => server.close();
      },
      { usda: s.usda },
    );
  };
}
