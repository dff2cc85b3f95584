/**
 * The HyperBEAM node API that @permaweb/aoconnect 0.0.98 calls in MODE "mainnet", on node:http. aoconnect sends every
 * request as a POST whose body is an ANS-104 data item (signed when it has a signer) — see its `ao-core` client and
 * @permaweb/ao-core-libs' request layer:
 *   GET  /~meta@1.0/info/address                              the node's address (scheduler, Authority)
 *   POST /push                                                spawn (Type = Process); answers with header `process`
 *   POST /<pid>~process@1.0/push                              a message; answers as dev_push does: in "sync" mode
 *        (the default) once it and its cascade are computed, {raw, slot, process, "1": {id, target, slot,
 *        resulted-in}, …}; in "async" mode at once, {slot, process}
 *   POST /<pid>~process@1.0/push&slot=N                       slot N's outbox pushed again (dev_push `push/3` with
 *        a slot): relayed anew (new ids, new timestamps), answered as a push
 *   POST /<pid>~process@1.0/compute/results=<slot|id>         its result: {raw: {Messages, Output, Error, …}}
 *   POST /<pid>/slot/current                                  the last assigned slot
 *   POST /<pid>~process@1.0/as=execution/compute&Tag=Value…   a dry-run (counted per process)
 *   GET  /<pid>~process@1.0/{compute,now}/cache/<key>[/…][/serialize~json@1.0]   state exposed with patch@1.0
 *   GET  /<pid>~process@1.0/{compute,now}/<key>[/…][/serialize~json@1.0]         other top-level patched keys, e.g.
 *        the aos token blueprint's `token-info` and its `balances` trie (`balances/<address>` → "250")
 *   GET  /ledger~node-process@1.0/now/balance/<address>       a charging node's credit for the address
 *   POST /~tim3@1.0/topup?address=…&amount=…                  (charging devnet) adds credit: the stand-in for a top-up
 *   GET  /~tim3@1.0/stats                                     devnet counters: dry-runs per process, queue, replay
 *   POST /graphql                                             a gateway's answer to one query: spawn tags (./gateway.ts)
 * Every POST body must be a signed ANS-104 data item, results and dry-runs included: HyperBEAM's hb_http
 * `req_to_tabm_singleton/3` deserialises an `ans104@1.0` body and verifies it (`ar_bundles:verify_item/1`), throwing
 * on a bad signature; aoconnect without a signer posts the text `[object Object]`, refused here with 400.
 * Reads accept GET (no body) as well. CORS is open (the site and console call it from their own port on 127.0.0.1).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { StatePathError, statePath } from "@tim3/local-ao";
import { HttpError, verifySignedItem, type SignedItem } from "./data-item";
import { answerSpawnTagsQuery } from "./gateway";
import { PaymentRequired, type DevnetNode } from "./node";
import { schedulerRoute, type RelayCommitments } from "./scheduler";
import { stateReply, type StateJson } from "./state-json";

const MAX_BODY = 16 * 1024 * 1024;
const PROCESS_DEVICE = "~process@1.0";

/** Past MAX_BODY the rest of an oversized body is read and dropped up to this much, then the socket is closed. */
const MAX_DISCARD = 4 * MAX_BODY;

/**
 * The body, or a 413 once it passes MAX_BODY. The rest is read and dropped rather than the socket destroyed at once:
 * a client still uploading would otherwise meet a reset instead of the 413 and its reason. Bounded: past MAX_DISCARD
 * more the socket is closed after all.
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, fail) => {
    let chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
      else if (!tooLarge) {
        tooLarge = true;
        chunks = [];
        fail(new HttpError(413, `request body too large: the limit is ${MAX_BODY} bytes`));
      } else if (size > MAX_BODY + MAX_DISCARD) req.destroy();
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

/** A path segment, percent-decoded; a malformed escape (`%zz`, `%E0%A4%A`) is the client's error, not the node's. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `malformed percent-escape in the path segment ${JSON.stringify(segment)}`);
  }
}

/**
 * The tags of a dry-run path, `&Action=Balance&Target=x`, read as HyperBEAM's hb_singleton reads a path segment:
 * percent-decoded (`parse_full_path/1`'s `decode_string/1`), split on `/` and decoded again (`path_messages/1`), then
 * split on `&` into keys and values at the first `=` (`parse_inlined_keys/2`, `parse_inlined_key_val/1`). aoconnect
 * 0.0.98 (`dryrunWith`, ao-core.js) joins the tags into the path unencoded, so a value holding `&`, `/` or a `%` that
 * is no escape cannot arrive whole: HyperBEAM would split it into other keys (or fail to decode it); this node
 * refuses it with 400 rather than evaluate a tag cut short.
 */
function dryRunTags(rest: string): Record<string, string> {
  const once = decodeSegment(rest);
  if (once.includes("/")) throw new HttpError(400, `a dry-run tag holds "/" (${JSON.stringify(once)}): aoconnect puts tags into the path, where "/" starts another segment`);
  const entries: [string, string][] = [];
  for (const part of decodeSegment(once).split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) {
      throw new HttpError(400, `the dry-run path part ${JSON.stringify(part)} is no Tag=Value: a tag value holding "&" cannot be sent in the path (aoconnect does not encode it)`);
    }
    entries.push([part.slice(0, eq), part.slice(eq + 1)]);
  }
  // fromEntries defines own keys: a tag named __proto__ stays a tag.
  return Object.fromEntries(entries);
}

async function route(node: DevnetNode, req: IncomingMessage, res: ServerResponse, stateJson: StateJson, relays?: RelayCommitments): Promise<void> {
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
  // hb_http verifies every ans104 body before routing it; so does this node, whatever the route.
  const signed: SignedItem | undefined = method === "POST" && !path.startsWith("/~tim3@1.0/") && path !== "/graphql" ? await verifySignedItem(body) : undefined;
  const requireSigned = (what: string): SignedItem => {
    if (signed === undefined) throw new HttpError(405, `${what} with POST and a signed data item`);
    return signed;
  };

  if (path === "/~meta@1.0/info/address") return send(res, 200, node.address);
  if (path === "/~meta@1.0/info" || path === "/~meta@1.0/info/serialize~json@1.0") {
    // dev_meta `info/3` serves the node message; a dev_simple_pay node's price per message is its `simple_pay_price`.
    return send(res, 200, { address: node.address, devnet: true, ...(node.price !== undefined ? { simple_pay_price: node.price } : {}) });
  }
  if (path === "/~tim3@1.0/stats") return send(res, 200, node.stats());
  if (path === "/graphql" && method === "POST") return send(res, 200, answerSpawnTagsQuery(node, body));
  const ledger = /^\/ledger~node-process@1\.0\/(?:now|compute)\/balance\/([A-Za-z0-9_-]{43})$/.exec(path);
  if (ledger) {
    const credit = node.creditOf(ledger[1]);
    if (credit === undefined) throw new HttpError(404, "this node does not charge: it has no ledger");
    return send(res, 200, String(credit));
  }
  if (path === "/~tim3@1.0/topup") {
    const address = url.searchParams.get("address") ?? "";
    const amount = Number(url.searchParams.get("amount"));
    if (method !== "POST" || !/^[A-Za-z0-9_-]{43}$/.test(address) || !Number.isSafeInteger(amount) || amount <= 0) {
      throw new HttpError(400, "POST /~tim3@1.0/topup?address=<address>&amount=<positive integer>");
    }
    if (node.creditOf(address) === undefined) throw new HttpError(404, "this node does not charge");
    return send(res, 200, String(node.topUp(address, amount)));
  }
  if (path === "/" ) return send(res, 200, { node: "tim3-devnet", address: node.address });
  // ~scheduler@1.0's schedule, and the fault routes: ./scheduler.ts.
  const scheduled = await schedulerRoute(node, method, url, req, relays);
  if (scheduled) return send(res, scheduled.status, scheduled.body);

  if (path === "/push") {
    const item = requireSigned("spawn");
    const pid = await node.spawn(item);
    return send(res, 200, { process: pid }, { process: pid });
  }

  const m = /^\/([A-Za-z0-9_-]{43})(~process@1\.0)?\/(.*)$/.exec(path);
  if (!m) throw new HttpError(404, `no route ${path}`);
  const [, pid, device, rest] = m;
  if (rest === "push" && device === PROCESS_DEVICE) {
    const item = requireSigned("push");
    const reply = await node.push(pid, item);
    return send(res, 200, reply, { slot: String(reply.slot), process: pid });
  }
  // dev_push `push/3` with a `slot` (HyperBEAM src/dev_push.erl): the slot's outbox pushed again, new ids and timestamps.
  const repush = /^push&slot=(\d+)$/.exec(rest);
  if (repush && device === PROCESS_DEVICE) {
    const item = requireSigned("re-push");
    const reply = await node.repush(pid, Number(repush[1]), item);
    return send(res, 200, reply, { slot: String(reply.slot), process: pid });
  }
  if (rest === "slot/current") return send(res, 200, String(node.currentSlot(pid)));
  const results = /^compute\/results=([A-Za-z0-9_-]+)$/.exec(rest);
  if (results) return send(res, 200, { raw: await node.result(pid, results[1]) });
  const dry = /^as=execution\/compute(.*)$/.exec(rest);
  if (dry && device === PROCESS_DEVICE) {
    const item = requireSigned("dry-run");
    return send(res, 200, { raw: await node.dryrun(pid, dryRunTags(dry[1]), "", item.owner) });
  }
  const state = /^(compute|now)\/(.+)$/.exec(rest);
  if (state) {
    let read: { path: string[]; asJson: boolean };
    try {
      read = statePath(state[2].split("/").map(decodeSegment));
    } catch (e) {
      throw e instanceof StatePathError ? new HttpError(e.status, e.message) : e;
    }
    const { path: keys, asJson } = read;
    const stored = await node.readEncoded(pid, keys, state[1] === "now", asJson);
    // A 404 is a routine answer here (a balance never held): sent as is, neither thrown nor logged.
    if (stored === undefined) return send(res, 404, { error: `${pid} exposes nothing at ${keys.join("/")}` });
    // In the JSON of the node version this devnet serves (./state-json.ts; legacy: as encoded).
    const reply = stateReply(stateJson, stored, asJson, (req.headers.accept ?? "").includes("application/json"));
    if (reply.status !== 200) throw new HttpError(reply.status, reply.reason);
    const encoded = reply.encoded;
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

/** `relays`: the signed items of relayed messages, which the schedule route serves (./relay-signature.ts). */
export function createNodeServer(node: DevnetNode, log?: (line: string) => void, options: { stateJson?: StateJson; relays?: RelayCommitments } = {}): Server {
  const stateJson = options.stateJson ?? "legacy";
  const server = createServer((req, res) => {
    route(node, req, res, stateJson, options.relays).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      const message = e instanceof Error ? e.message : String(e);
      // dev_p4 `request/3`'s refusal: status 402, body "Insufficient funds", the price and the signer's balance.
      if (e instanceof PaymentRequired) return send(res, 402, { status: 402, body: message, price: e.price, balance: e.balance });
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
