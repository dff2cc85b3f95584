/**
 * `--state-json current`: the devnet answers state reads in the JSON of the newest HyperBEAM (dev_json: `ao-types`
 * siblings, 400 to serialising a scalar; src/node/state-json.ts), and the SDK's reader, which must cope with every
 * node version, reads a balance and an operation from it over HTTP. One node (`serve`, no deploy), one probe process.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generateJwk } from "@tim3/deploy";
import { AOS_MODULE_ID } from "@tim3/local-ao";
import { operationKey } from "@tim3/protocol";
import { createAoClient, createStateReader, nodeSigner, toTags } from "@tim3/sdk";
import { startDevnet, type Devnet } from "../src/index";

const dataDir = mkdtempSync(join(tmpdir(), "tim3-devnet-state-json-"));
const HOLDER = "Ab" + "c".repeat(41);
const REQUEST = "req-1";
let devnet: Devnet;
let probe: string;

beforeAll(async () => {
  devnet = await startDevnet({ dataDir, port: 0, stateJson: "current" });
  const ao = createAoClient({ network: devnet.urls, signer: nodeSigner(generateJwk()) });
  probe = await ao.spawn({ module: AOS_MODULE_ID, tags: toTags({ Name: "state-json" }) });
  // A balance as the token blueprint publishes it, and an operation with a status, booleans and an empty reason.
  await ao.evalLua(probe, `Send({ device = "patch@1.0", balances = { ["${HOLDER}"] = "750000000000" }, cache = { ["${operationKey(HOLDER, REQUEST)}"] = {
    operation = "op-1", ["request-id"] = "${REQUEST}", kind = "mint", holder = "${HOLDER}", quantity = "5", status = "completed",
    reason = "", ["created-at"] = 1764900000000, ["updated-at"] = 1764900000001, burned = false, released = true } } })`);
});

afterAll(async () => {
  await devnet?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it("serves the newest node's state JSON, and the SDK reads a balance and an operation from it", async () => {
  const base = `${devnet.urls.nodeUrl}/${probe}~process@1.0/now`;
  // dev_json: serialising a scalar is refused; the value is read without the suffix as {"body": value}.
  expect((await fetch(`${base}/balances/${HOLDER}/serialize~json@1.0`)).status).toBe(400);
  const plain = await fetch(`${base}/balances/${HOLDER}`, { headers: { accept: "application/json" } });
  expect(await plain.json()).toEqual({ body: "750000000000" });
  // A map: booleans as atoms, the empty reason left out, each typed in ao-types.
  const op = (await (await fetch(`${base}/cache/${operationKey(HOLDER, REQUEST)}/serialize~json@1.0`)).json()) as Record<string, unknown>;
  expect(op).toMatchObject({ status: "completed", burned: "false", released: "true", "ao-types": 'burned="atom", reason="empty-binary", released="atom"' });
  expect(op).not.toHaveProperty("reason");

  const reader = createStateReader({ nodeUrl: devnet.urls.nodeUrl });
  expect(await reader.balance(probe, HOLDER)).toBe("750000000000");
  expect(await reader.operation(probe, HOLDER, REQUEST)).toMatchObject({ status: "completed", reason: "", burned: false, released: true, quantity: "5", createdAt: 1764900000000 });
});
