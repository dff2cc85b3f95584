#!/usr/bin/env node
/**
 * Serves the static export (out/) on 127.0.0.1: `node scripts/serve.mjs [--port 3000] [--dir out]`.
 * /config.json is read from out/ (write it with scripts/write-config.mjs).
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { serveStatic } from "@tim3/web/node";

const app = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { port: { type: "string", default: "3000" }, dir: { type: "string", default: resolve(app, "out") }, help: { type: "boolean", short: "h" } } });
if (values.help) {
  console.log("node scripts/serve.mjs [--port 3000] [--dir out]   serves the site's static export on 127.0.0.1");
  process.exit(0);
}
const server = await serveStatic({ dir: resolve(values.dir), port: Number(values.port) });
console.log(`TIM3 site on ${server.url} (Ctrl-C stops)`);
for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => server.close().then(() => process.exit(0)));
