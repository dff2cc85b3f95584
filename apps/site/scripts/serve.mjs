#!/usr/bin/env node
/**
 * Serves the static export (out/) on 127.0.0.1: `node scripts/serve.mjs [--port 3000] [--dir out]`.
 * /config.json is read from out/ (write it with scripts/write-config.mjs).
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { dirname } from "node:path";
import { serveStatic } from "./static-server.mjs";

const app = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};
const server = await serveStatic({ dir: resolve(arg("dir", resolve(app, "out"))), port: Number(arg("port", "3000")) });
console.log(`TIM3 site on ${server.url} (Ctrl-C stops)`);
for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => server.close().then(() => process.exit(0)));
