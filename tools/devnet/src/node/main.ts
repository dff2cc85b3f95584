/**
 * The devnet node as its own OS process (so a test can SIGKILL it): `node --conditions=@tim3/source --import tsx
 * main.ts --data-dir DIR [--port N] [--host 127.0.0.1] [--checkpoint-every N] [--delivery-delay-ms N]
 * [--push-mode sync|async] [--charging-price N] [--faults] [--legacy-relay] [--state-json legacy|current] [--relay-ids signed|random]` from the sources, `node dist/devnet-node.mjs …` from the bundle
 * `nx build devnet` makes (../server.ts chooses).
 * Prints `TIM3-DEVNET-READY {"port":…,"address":…,"queued":…,"replayed":…,"startMs":…}` once it listens.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { ensureJwk } from "@tim3/deploy";
import { jwkAddress } from "@tim3/sdk";
import { createNodeServer } from "./http";
import { DevnetNode } from "./node";
import { STATE_JSON_VERSIONS, type StateJson } from "./state-json";
import { RelaySignatures } from "./relay-signature";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const dataDir = resolve(arg("data-dir", ".devnet"));
const host = arg("host", "127.0.0.1");
const port = Number(arg("port", "0"));
mkdirSync(dataDir, { recursive: true });
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

// The node's own key: its address is the scheduler and the Authority every devnet process trusts.
const { jwk } = ensureJwk(join(dataDir, "node-wallet.json"));
const address = await jwkAddress(jwk);
// A second authority (./relay-authority.ts): a second key of the node's, the legacy relay of Variant ao.TN.1 processes.
// Once a data dir has it, every later start keeps relaying under it (a restart without the flag must not change Owners).
const legacyKeyFile = join(dataDir, "legacy-relay-wallet.json");
const legacyJwk = process.argv.includes("--legacy-relay") || existsSync(legacyKeyFile) ? ensureJwk(legacyKeyFile).jwk : undefined;
const legacyRelay = legacyJwk !== undefined ? await jwkAddress(legacyJwk) : undefined;
// Every relay is an ANS-104 item signed by the key it is relayed under (./relay-signature.ts), kept for the schedule route.
// `--relay-ids random`: the devnet's earlier unsigned relays (random ids), kept only for the bench's comparison.
const signedRelays = arg("relay-ids", "signed") !== "random";
const relaySignatures = await RelaySignatures.open(dataDir, legacyJwk !== undefined ? [jwk, legacyJwk] : [jwk], log);
const node = await DevnetNode.open({
  dataDir,
  address,
  checkpointEvery: Number(arg("checkpoint-every", "1000")),
  deliveryDelayMs: Number(arg("delivery-delay-ms", "0")),
  pushMode: arg("push-mode", "sync") === "async" ? "async" : "sync",
  faults: process.argv.includes("--faults"),
  ...(legacyRelay !== undefined ? { legacyRelay } : {}),
  ...(signedRelays ? { signRelay: relaySignatures.signRelay } : {}),
  ...(Number(arg("charging-price", "0")) > 0 ? { charging: { price: Number(arg("charging-price", "0")) } } : {}),
  log,
});
const queued = node.stats().queued;
const stateJson = arg("state-json", "legacy") as StateJson;
if (!STATE_JSON_VERSIONS.includes(stateJson)) throw new Error(`--state-json ${stateJson}: ${STATE_JSON_VERSIONS.join(" or ")}`);
const server = createNodeServer(node, log, { stateJson, relays: (id) => relaySignatures.commitment(id) });
server.listen(port, host, () => {
  const addr = server.address();
  const actual = typeof addr === "object" && addr ? addr.port : port;
  const s = node.stats();
  process.stdout.write(`TIM3-DEVNET-READY ${JSON.stringify({ port: actual, host, address, queued, replayed: s.replayedOnStart, startMs: s.startMs, legacyRelay })}\n`);
});
server.on("error", (e) => {
  console.error(`devnet node: ${e.message}`);
  process.exit(1);
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  // The stop checkpoint only shortens the next start (the log alone restores everything): never let it hold the exit.
  setTimeout(() => process.exit(0), 15_000).unref();
  server.close();
  server.closeAllConnections();
  node.close().then(() => relaySignatures.close()).then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
