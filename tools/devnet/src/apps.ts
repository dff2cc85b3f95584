/**
 * Serving the apps next to the devnet: each app's static export (built through Nx when missing, with progress) is
 * served on 127.0.0.1 with a /config.json that points it at this devnet's units and processes.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Tim3Processes } from "@tim3/sdk";
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

interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function startApps(
  ctx: { urls: DevnetUrls; processes: Tim3Processes; dataDir: string; state: unknown },
  log: (line: string) => void,
): Promise<AppHandle[]> {
  const handles: AppHandle[] = [];
  // The workspace's small node:http static server (libs/e2e-kit, by path) serves every app's export.
  const serverModule = join(root, "libs", "e2e-kit", "src", "static-server.mjs");
  if (!existsSync(serverModule)) return handles;
  const { serveStatic } = (await import(pathToFileURL(serverModule).href)) as {
    serveStatic(o: { dir: string; port?: number; overrides?: Record<string, string> }): Promise<StaticServer>;
  };
  const siteConfig = JSON.stringify({ network: "local", devnet: true, urls: ctx.urls, processes: ctx.processes, refreshMs: 5000 });
  // The console also needs the deployment record (versions, hashes, admin) to show drift: its own script builds it.
  const consoleScript = join(root, "apps", "admin", "scripts", "write-config.mjs");
  const consoleConfig = existsSync(consoleScript)
    ? JSON.stringify(((await import(pathToFileURL(consoleScript).href)) as {
        consoleConfig(state: unknown, info: { urls: DevnetUrls }): unknown;
      }).consoleConfig(ctx.state, { urls: ctx.urls }))
    : siteConfig;
  for (const app of APPS) {
    const config = app.name === "admin" ? consoleConfig : siteConfig;
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
