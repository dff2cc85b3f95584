#!/usr/bin/env node
/**
 * Serves the static export (out/) on 127.0.0.1: `node scripts/serve.mjs [--port 3000] [--dir out]`.
 * /config.json is read from out/ (write it with scripts/write-config.mjs). The server is the workspace's shared one
 * (libs/e2e-kit/src/static-server.mjs, loaded by path as tools/devnet does: apps may not depend on test code).
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const app = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { serveStatic } = await import(pathToFileURL(resolve(app, "..", "..", "libs", "e2e-kit", "src", "static-server.mjs")).href);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};
const server = await serveStatic({ dir: resolve(arg("dir", resolve(app, "out"))), port: Number(arg("port", "3000")) });
console.log(`TIM3 site on ${server.url} (Ctrl-C stops)`);
for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => server.close().then(() => process.exit(0)));
