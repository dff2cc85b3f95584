/**
 * Serving the apps next to the devnet: each app's static export (built through Nx when missing, with progress) is
 * served on 127.0.0.1 with a /config.json that points it at this devnet's node and processes.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { DeployState } from "@tim3/protocol";
import type { Tim3Processes } from "@tim3/sdk";
import { consoleConfig, serveStatic, siteConfig } from "@tim3/web/node";
import { nxRunMany } from "./build";
import type { DevnetUrls } from "./server";

export interface AppHandle {
  name: string;
  url: string;
  stop(): Promise<void>;
}

export const APPS = [
  { name: "site", port: 3000 },
  { name: "admin", port: 3001 },
] as const;

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "..");

export async function startApps(
  ctx: { urls: DevnetUrls; processes: Tim3Processes; dataDir: string; state: DeployState },
  log: (line: string) => void,
): Promise<AppHandle[]> {
  const handles: AppHandle[] = [];
  const state = ctx.state;
  const siteJson = JSON.stringify(siteConfig(state, { urls: ctx.urls }));
  // The console also needs the deployment record (versions, hashes, admin) to show drift.
  const consoleJson = JSON.stringify(consoleConfig(state, { urls: ctx.urls }));
  for (const app of APPS) {
    const config = app.name === "admin" ? consoleJson : siteJson;
    if (!existsSync(join(root, "apps", app.name, "package.json"))) continue;
    const out = join(root, "apps", app.name, "out");
    if (!existsSync(join(out, "index.html"))) {
      log(`building apps/${app.name} (first run only, about a minute)…`);
      if (!nxRunMany("build", [app.name], log)) {
        log(`apps/${app.name} did not build; skipping it`);
        continue;
      }
    }
    const server = await serveStatic({ dir: out, port: app.port, overrides: { "/config.json": config } });
    handles.push({ name: app.name, url: server.url, stop: () => server.close() });
  }
  return handles;
}
