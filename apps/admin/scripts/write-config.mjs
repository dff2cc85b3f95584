#!/usr/bin/env node
/**
 * Writes the console's runtime config (public/config.json, and out/config.json when a build exists) from the deploy
 * state file: the network, the process ids, and the deployment record (versions, bundle hashes, admin) that the
 * Processes page compares with what each process reports (drift).
 *   node scripts/write-config.mjs [--state .devnet/deploy-state.json] [--devnet-info .devnet/devnet.json]
 *                                 [--out public/config.json] [--refresh-ms 5000]
 * The unit URLs come from .devnet/devnet.json (the running devnet's ports) when it exists, else from the state file.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const app = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const root = resolve(app, "..", "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};

/** The console config from a deploy state (and the running devnet's URLs); also used by the e2e global setup. */
export function consoleConfig(state, devnetInfo, refreshMs = 5000) {
  const urls = devnetInfo?.urls ?? state.urls;
  const processes = {};
  const deployment = { admin: state.admin, updatedAt: state.updatedAt ?? "", processes: {} };
  for (const role of ["usda", "tokenManager", "lockManager", "coordinator", "stateManager"]) {
    const rec = state.processes?.[role];
    if (!rec?.id) throw new Error(`the deploy state has no ${role} process`);
    processes[role] = rec.id;
    deployment.processes[role] = {
      id: rec.id,
      name: rec.name ?? role,
      version: rec.version ?? "",
      bundleHash: rec.bundleHash ?? "",
      external: rec.external === true,
    };
  }
  const network = state.network ?? "local";
  return {
    network,
    devnet: network === "local",
    urls: { muUrl: urls.muUrl, cuUrl: urls.cuUrl, gatewayUrl: urls.gatewayUrl },
    processes,
    refreshMs,
    deployment,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const stateFile = resolve(arg("state", join(root, ".devnet", "deploy-state.json")));
  const infoFile = resolve(arg("devnet-info", join(dirname(stateFile), "devnet.json")));
  if (!existsSync(stateFile)) {
    console.error(`no deploy state at ${stateFile}: run \`pnpm start\` (devnet up) or tools/deploy first`);
    process.exit(1);
  }
  const state = JSON.parse(readFileSync(stateFile, "utf8"));
  const info = existsSync(infoFile) ? JSON.parse(readFileSync(infoFile, "utf8")) : undefined;
  const config = consoleConfig(state, info, Number(arg("refresh-ms", "5000")));
  const targets = [resolve(arg("out", join(app, "public", "config.json")))];
  if (existsSync(join(app, "out"))) targets.push(join(app, "out", "config.json"));
  for (const file of targets) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(config, null, 2) + "\n");
    console.log(`wrote ${file}`);
  }
}
