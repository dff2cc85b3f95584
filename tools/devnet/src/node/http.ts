/**
 * The HyperBEAM node API that @permaweb/aoconnect 0.0.98 calls in MODE "mainnet", on node:http. aoconnect sends every
 * request as a POST whose body is an ANS-104 data item (signed when it has a signer) — see its `ao-core` client and
 * @permaweb/ao-core-libs' request layer:
 *   GET  /~meta@1.0/info/address                              the node's address (scheduler, Authority)
 *   POST /push                                                spawn (Type = Process); answers with header `process`
 *   POST /<pid>~process@1.0/push                              a message; answers {slot, id}
 *   POST /<pid>~process@1.0/compute/results=<slot|id>         its result: {raw: {Messages, Output, Error, …}}
 *   POST /<pid>/slot/current                                  the last assigned slot
 *   POST /<pid>~process@1.0/as=execution/compute&Tag=Value…   a dry-run (counted per process)
 *   GET  /<pid>~process@1.0/{compute,now}/cache/<key>[/…][/serialize~json@1.0]   state exposed with patch@1.0
 *   GET  /<pid>~process@1.0/{compute,now}/<key>[/…][/serialize~json@1.0]         other top-level patched keys, e.g.
 *        the aos token blueprint's `token-info` and its `balances` trie (`balances/<address>` → "250")
 *   GET  /~tim3@1.0/stats                                     devnet counters: dry-runs per process, queue, replay
 * Reads accept GET as well. CORS is open (the site and console call it from their own port on 127.0.0.1).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { HttpError, optionalSignedItem, verifySignedItem } from "./data-item";
import type { DevnetNode } from "./node";

const MAX_BODY = 16 * 1024 * 1024;
const PROCESS_DEVICE = "~process@1.0";
const JSON_CODEC = "serialize~json@1.0";

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(new HttpError(413, "request body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => ok(Buffer.concat(chunks)));
    req.on("error", fail);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json",
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "process, slot, id",
    ...headers,
  });
  res.end(text);
}

/** `&Action=Balance&Target=x` (aoconnect joins dry-run tags into the path unencoded; the URL parser percent-encodes). */
function pathTags(rest: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const part of rest.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    tags[decodeURIComponent(part.slice(0, eq))] = decodeURIComponent(part.slice(eq + 1));
  }
  return tags;
}

/** Anonymous dry-runs run as this address (a CU's dry-run needs some Owner). */
const ANONYMOUS = "1111111111111111111111111111111111111111111";

async function route(node: DevnetNode, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://devnet");
  const path = url.pathname;
  const method = req.method ?? "GET";
  if (method === "OPTIONS") {
    res.writeHead(204, {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
      "Access-Control-Allow-Headers": "*",
      "Access-Control-Expose-Headers": "process, slot, id",
      "Access-Control-Max-Age": "600",
    });
    res.end();
    return;
  }
  const body = method === "POST" ? await readBody(req) : Buffer.alloc(0);

  if (path === "/~meta@1.0/info/address") return send(res, 200, node.address);
  if (path === "/~meta@1.0/info" || path === "/~meta@1.0/info/serialize~json@1.0") return send(res, 200, { address: node.address, devnet: true });
  if (path === "/~tim3@1.0/stats") return send(res, 200, node.stats());
  if (path === "/" ) return send(res, 200, { node: "tim3-devnet", address: node.address });

  if (path === "/push") {
    if (method !== "POST") throw new HttpError(405, "spawn with POST /push and a signed data item");
    const item = await verifySignedItem(body);
    const pid = await node.spawn(item);
    return send(res, 200, { process: pid }, { process: pid });
  }

  const m = /^\/([A-Za-z0-9_-]{43})(~process@1\.0)?\/(.*)$/.exec(path);
  if (!m) throw new HttpError(404, `no route ${path}`);
  const [, pid, device, rest] = m;
  if (rest === "push" && device === PROCESS_DEVICE) {
    if (method !== "POST") throw new HttpError(405, "push with POST and a signed data item");
    const item = await verifySignedItem(body);
    const r = await node.push(pid, item);
    return send(res, 200, { slot: r.slot, id: r.id }, { slot: String(r.slot), id: r.id });
  }
  if (rest === "slot/current") return send(res, 200, String(node.currentSlot(pid)));
  const results = /^compute\/results=([A-Za-z0-9_-]+)$/.exec(rest);
  if (results) return send(res, 200, { raw: await node.result(pid, results[1]) });
  const dry = /^as=execution\/compute(.*)$/.exec(rest);
  if (dry && device === PROCESS_DEVICE) {
    const item = await optionalSignedItem(body);
    const from = item?.owner ?? ANONYMOUS;
    return send(res, 200, { raw: await node.dryrun(pid, pathTags(dry[1]), "", from) });
  }
  const state = /^(compute|now)\/(.+)$/.exec(rest);
  if (state) {
    let keys = state[2].split("/").filter((k) => k !== "").map((k) => decodeURIComponent(k));
    const asJson = keys[keys.length - 1] === JSON_CODEC;
    if (asJson) keys = keys.slice(0, -1);
    if (keys.length === 0 || (keys[0] === "cache" && keys.length === 1)) throw new HttpError(400, "name a key");
    const encoded = await node.readEncoded(pid, keys, state[1] === "now", asJson);
    // A 404 is a routine answer here (a balance never held): sent as is, neither thrown nor logged.
    if (encoded === undefined) return send(res, 404, { error: `${pid} exposes nothing at ${keys.join("/")}` });
    // serialize~json@1.0 encodes a binary as a JSON string too (HyperBEAM dev_codec_json `to/1`): "250", not 250.
    res.writeHead(200, {
      "Content-Type": encoded.json ? "application/json" : "text/plain; charset=utf-8",
      "Content-Length": String(encoded.body.length),
      "Access-Control-Allow-Origin": "*",
    });
    res.end(encoded.body);
    return;
  }
  throw new HttpError(404, `no route ${path}`);
}

export function createNodeServer(node: DevnetNode, log?: (line: string) => void): Server {
  const server = createServer((req, res) => {
    route(node, req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      const message = e instanceof Error ? e.message : String(e);
      // A 404 is an answer (nothing exposed there, e.g. a balance never held), not an event worth a log line per read.
      if (status !== 404) log?.(`${req.method} ${req.url} → ${status}: ${status >= 500 && e instanceof Error ? e.stack : message}`);
      if (!res.headersSent) send(res, status, { error: message });
      else res.end();
    });
  });
  // Longer than clients keep idle sockets (undici: 4 s), so a reused keep-alive socket is never closed under a request.
  server.keepAliveTimeout = 65_000;
  return server;
}
