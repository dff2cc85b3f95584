/**
 * State reads against each HyperBEAM node version's way of answering them (no devnet): a tiny HTTP server per version
 * answers `GET /<pid>~process@1.0/now/<path>[/serialize~json@1.0]` as that version's code does.
 *
 * - "older" (permaweb/HyperBEAM 2025-05, b2743e4: `dev_codec_json:serialize/3` → `{content-type, body: <JSON>}`;
 *   `hb_http:encode_reply/3` with `Accept: application/json` picks the json@1.0 codec (`accept_to_codec/2`,
 *   `mime_to_codec/2`) and JSON-encodes that whole message again: `{"body":"<JSON as a string>","content-type":…}`;
 *   with no Accept the default httpsig@1.0 codec sends the body as it is).
 * - "newest" (`dev_json`: `to/3` converts through structured@1.0 with `encode-types` atom and binary, so objects carry
 *   `ao-types` siblings: atoms as strings typed "atom", empty values absent and typed "empty-binary"/…
 *   (`dev_codec_structured:from/1`), integers past 2^53 as strings typed "integer" (`safe_numbers/2`);
 *   `scalar_http_read_test`: serialize~json@1.0 of a scalar answers 400, and the suffix-less read with
 *   `Accept: application/json` answers `{"body": <value>}`).
 * - Both: without the serialize suffix, a top-level `status` field is the HTTP status (`hb_http:reply/4`), so a map
 *   whose status is "completed" cannot be read that way (binary_to_integer fails: 500).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationKey } from "@tim3/protocol";
import { createStateReader, type StateFetch } from "../src/index";
import { nodeFetch } from "../src/node";

const PROCESS = "P".repeat(43);
const HOLDER = "Ab" + "c".repeat(41);
const REQUEST = "req-1";
const SUFFIX = "/serialize~json@1.0";

/** The state the process patched: a balance (a binary), an operation (a map with a `status` and booleans). */
const STATE: Record<string, unknown> = {
  [`balances/${HOLDER}`]: "750000000000",
  [`cache/${operationKey(HOLDER, REQUEST)}`]: {
    operation: "op-1", "request-id": REQUEST, kind: "mint", holder: HOLDER, quantity: "5", status: "completed",
    reason: "", "created-at": 1764900000000, "updated-at": 1764900000001, burned: false, released: true,
  },
};

type Version = "older" | "newest";
const MAX_SAFE = 9007199254740991;

/** dev_json `to/3` of a map: booleans as atoms, empty binaries dropped, big integers as strings, each typed in `ao-types`. */
function newestJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(newestJson);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  const types: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "boolean") { out[k] = String(v); types.push(`${k}="atom"`); }
    else if (v === "") types.push(`${k}="empty-binary"`);
    else if (typeof v === "number" && Math.abs(v) > MAX_SAFE) { out[k] = String(v); types.push(`${k}="integer"`); }
    else out[k] = newestJson(v);
  }
  if (types.length > 0) out["ao-types"] = types.join(", ");
  return out;
}

function answer(version: Version, req: IncomingMessage, res: ServerResponse) {
  const prefix = `/${PROCESS}~process@1.0/now/`;
  const url = decodeURIComponent(req.url ?? "");
  const acceptsJson = (req.headers.accept ?? "").includes("application/json");
  const send = (status: number, body: string) => { res.writeHead(status, { "content-type": "application/json" }); res.end(body); };
  if (!url.startsWith(prefix)) return send(404, "");
  const serialized = url.endsWith(SUFFIX);
  const key = url.slice(prefix.length, serialized ? -SUFFIX.length : undefined);
  if (!(key in STATE)) return send(404, "");
  const value = STATE[key];
  const scalar = typeof value !== "object";
  if (!serialized) {
    if (!scalar) return send(500, "status is not an integer"); // the map's `status: "completed"` became the HTTP status
    return send(200, JSON.stringify({ body: value, status: 200 }));
  }
  if (version === "newest") {
    if (scalar) return send(400, "serialize of a scalar");
    return send(200, JSON.stringify(newestJson(value)));
  }
  const json = JSON.stringify(value);
  return send(200, acceptsJson ? JSON.stringify({ body: json, "content-type": "application/json", status: 200 }) : json);
}

const urls: Partial<Record<Version, string>> = {};
const servers: Server[] = [];
const asked: string[] = [];
beforeAll(async () => {
  for (const version of ["older", "newest"] as const) {
    const server = createServer((req, res) => { asked.push(`${version} ${req.url ?? ""}`); answer(version, req, res); });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    servers.push(server);
    urls[version] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  }
});

describe.each<[string, StateFetch | undefined]>([
  ["nodeFetch", nodeFetch()],
  ["the platform fetch", undefined],
])("reads through %s", (_, fetch) => {
  describe.each<Version>(["older", "newest"])("on the %s node version", (version) => {
    const reader = () => createStateReader({ nodeUrl: urls[version]!, fetch });

    it("reads a holder's balance as the decimal string the token patched", async () => {
      expect(await reader().balance(PROCESS, HOLDER)).toBe("750000000000");
    });

    it("reads an operation with its status, booleans and empty reason", async () => {
      const op = await reader().operation(PROCESS, HOLDER, REQUEST);
      expect(op).toMatchObject({ status: "completed", reason: "", burned: false, released: true, quantity: "5", createdAt: 1764900000000 });
    });

    it("never reads a map without the serialize suffix (its status field would become the HTTP status)", async () => {
      asked.length = 0;
      await reader().operation(PROCESS, HOLDER, REQUEST).catch(() => undefined);
      expect(asked.filter((a) => a.startsWith(version)).every((a) => a.endsWith(SUFFIX))).toBe(true);
    });

    it("reads a balance in one round trip once the node is known (the newest refuses the first serialised read)", async () => {
      const r = reader();
      await r.balance(PROCESS, HOLDER);
      asked.length = 0;
      expect(await r.balance(PROCESS, HOLDER)).toBe("750000000000");
      expect(asked.filter((a) => a.startsWith(version))).toHaveLength(1);
    });

    it("reads a never-held balance (404) as 0", async () => {
      expect(await reader().balance(PROCESS, "Z" + HOLDER.slice(1))).toBe("0");
    });
  });

  it("decodes a reply JSON-encoded twice (an older node, or a proxy, that chose the json codec for the reply)", async () => {
    const wrapped: StateFetch = async () => ({
      status: 200, ok: true,
      text: async () => JSON.stringify({ body: JSON.stringify("750000000000"), "content-type": "application/json" }),
    });
    expect(await createStateReader({ nodeUrl: "http://node", fetch: wrapped }).balance(PROCESS, HOLDER)).toBe("750000000000");
  });
});
