/**
 * The node's `~scheduler@1.0` reads, as HyperBEAM serves them (permaweb/HyperBEAM b2743e4, May 2025):
 *
 *   GET /~scheduler@1.0/schedule?target=<pid>&from=<slot>&to=<slot>&accept=application/aos-2
 *   GET /<pid>~process@1.0/schedule?from=…&to=…&accept=application/aos-2   (the process's scheduler, the same)
 *
 * `src/dev_scheduler.erl` `get_schedule/3`: the process is the request's `target` (`find_target_id/3`); `from` defaults
 * to 0, `to` to the latest slot; `generate_local_schedule/5` → `get_local_assignments/4` caps a
 * query at MAX_ASSIGNMENT_QUERY_LEN (1000) slots past `from` (from..from+1000, both ends included) and says whether it
 * was cut short; `read_local_assignments/4` stops at the first slot not assigned. With `accept` = application/aos-2
 * (the request's `accept` key: a header or a query key) `src/dev_scheduler_formats.erl` `assignments_to_aos2/4`
 * answers JSON:
 *
 *   { "page_info": { "process", "has_next_page", "timestamp", … },
 *     "edges": [ { "cursor": <slot>, "node": { "message": <JSON struct>, "assignment": <JSON struct> } }, … ] }
 *
 * and each struct is `src/dev_json_iface.erl` `message_to_json_struct/1`: `Id`, `Anchor`, `Owner` (the signer's
 * address), `From` (the `From-Process` tag when the message has one, else the Owner: a wallet's own From-Process tag
 * shows here as From too, so a reader must check Owner against the process's authorities, as aos does), `Tags`
 * ([{name, value}]), `Target`, `Data`, `Signature`. The assignment's tags are what `dev_scheduler_server.erl`
 * `do_assign/3` signs: Process, Slot, Epoch, Timestamp (the scheduler's clock at assignment), Data-Protocol, Variant,
 * Path. The devnet has no Arweave: Block-Height, Block-Hash and Hash-Chain are left out, and the assignment is unsigned.
 * A message the node relayed is served as its signed ANS-104 item (./relay-signature.ts): `Signature` (base64url),
 * `Owner` (the address), and `PublicKey` (the signer's key, as newer HyperBEAM's `message_to_json_struct/3` adds it),
 * with the item's own Tags, Target and Data, so a reader can rebuild and verify it; other messages' Signature is empty.
 * The default format (application/http, multipart bundles) is not served: 406 with a reason.
 *
 * Refusals, where HyperBEAM answers by accident rather than by design, the devnet answers cleanly and no more loosely:
 * - A process this node does not host: 404, on both paths and before the format is looked at. HyperBEAM looks the
 *   process up first too (`get_schedule/3` → `find_server/3`, before the formatter): `/<pid>~process@1.0/schedule`
 *   loads the unknown id as the path's base message, `hb_ao.erl` `ensure_loaded/2` throws `necessary_message_not_found`
 *   and `dev_meta.erl` `handle_resolve/3` answers it 404; `/~scheduler@1.0/schedule?target=<pid>` throws
 *   `{process_not_available, ProcID}` from `find_server/4` (`hb_cache:read/2` found nothing), which nothing catches
 *   until `hb_http_server.erl`'s handler answers 500 with a trace. Both mean "no such process here": 404.
 * - `from`/`to` must be non-negative integers, else 400. HyperBEAM reads them with `hb_util:int/1`
 *   (`list_to_integer/1`): "1.5" or "x" raises badarg, a 500 by the same handler. Its clamp `X when X < 0 -> 0` never
 *   fires over HTTP (a query value is a binary, and in Erlang's term order every binary is greater than 0), so
 *   `from=-5` reads slot -5, finds nothing (`read_local_assignments/4`) and answers 200 with no edges and
 *   `has_next_page: false`, which reads as an empty schedule. The devnet refuses it instead, so a client never takes
 *   that page for the process's history.
 *
 * Also the devnet's fault routes (only with `--faults`, ./relay-hold.ts): `POST /~tim3@1.0/hold?from=<pid>&target=<pid>`
 * keeps back what `from` sends to `target` (either may be left out), `POST /~tim3@1.0/release` pushes it.
 */
import type { IncomingMessage } from "node:http";
import { HttpError } from "./data-item";
import type { DevnetNode } from "./node";
import type { RelayCommitment } from "./relay-signature";
import type { LogEntry } from "./store";

/** dev_scheduler.erl `?MAX_ASSIGNMENT_QUERY_LEN`. */
const MAX_ASSIGNMENT_QUERY_LEN = 1000;
const AOS2 = "application/aos-2";
const ID = /^[A-Za-z0-9_-]{43}$/;

export interface RouteReply {
  status: number;
  body: unknown;
}

/** `from`/`to`: a slot number (list_to_integer's digits, an optional "+"), or 400; see the header for HyperBEAM's. */
function slotParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return undefined;
  const slot = /^\+?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(slot)) throw new HttpError(400, `${name} must be a slot number (an integer from 0), not ${JSON.stringify(raw)}`);
  return slot;
}

/** `uri_string:percent_decode/1`, as `generate_local_schedule/5` reads `accept`; a malformed escape is no format served. */
function percentDecoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function tagList(tags: Record<string, string>): { name: string; value: string }[] {
  return Object.entries(tags).map(([name, value]) => ({ name, value }));
}

/** Looks up the signed item of a message the node relayed (./relay-signature.ts `RelaySignatures.commitment`). */
export type RelayCommitments = (id: string) => RelayCommitment | undefined;

/** dev_json_iface `message_to_json_struct/1` of an assigned message (with `signed`, a relay's signed item). */
function messageStruct(pid: string, e: LogEntry, signed?: RelayCommitment) {
  const struct = { Id: e.id, Anchor: "", Owner: e.owner, From: e.tags["From-Process"] ?? e.owner, Tags: tagList(e.tags), Target: pid, Data: e.data, Signature: "" };
  if (signed === undefined) return struct;
  return { ...struct, Tags: signed.tags, Target: signed.target, Data: signed.data, Signature: signed.signature, PublicKey: signed.publicKey };
}

/** The assignment `do_assign/3` signs, without its body, as a JSON struct (its tags in key order, header-cased). */
function assignmentStruct(node: DevnetNode, pid: string, slot: number, e: LogEntry) {
  const tags = {
    "Data-Protocol": "ao", Epoch: "0", Path: "compute", Process: pid, Slot: String(slot), Timestamp: String(e.timestamp), Variant: "ao.N.1",
  };
  return { Id: "", Anchor: "", Owner: node.address, From: node.address, Tags: tagList(tags), Target: "", Data: "", Signature: "" };
}

/** get_schedule/3 with the aos-2 format. */
function schedule(node: DevnetNode, pid: string, url: URL, req: IncomingMessage, relays?: RelayCommitments): RouteReply {
  if (pid === "") throw new HttpError(400, "name the process: target=<process id>");
  if (!node.has(pid)) throw new HttpError(404, `no process ${pid} on this node`);
  const accept = url.searchParams.get("accept") ?? req.headers.accept ?? "";
  if (percentDecoded(accept) !== AOS2) {
    throw new HttpError(406, `this devnet serves a schedule only as ${AOS2} (accept=${AOS2}, as a header or a query key); HyperBEAM's default application/http bundles are not served`);
  }
  const latest = node.currentSlot(pid);
  const from = slotParam(url, "from") ?? 0;
  const requestedTo = slotParam(url, "to") ?? latest;
  const to = requestedTo - from > MAX_ASSIGNMENT_QUERY_LEN ? from + MAX_ASSIGNMENT_QUERY_LEN : requestedTo;
  const edges: unknown[] = [];
  for (let slot = from; slot <= to; slot++) {
    const e = node.store.entry(pid, slot);
    if (e === undefined) break;
    const signed = e.owner !== e.from ? relays?.(e.id) : undefined;
    edges.push({ cursor: slot, node: { message: messageStruct(pid, e, signed), assignment: assignmentStruct(node, pid, slot, e) } });
  }
  return { status: 200, body: { page_info: { process: pid, has_next_page: to < requestedTo, timestamp: String(Date.now()) }, edges } };
}

/** The reply for a scheduler or fault route, or undefined when the path is neither. */
export async function schedulerRoute(node: DevnetNode, method: string, url: URL, req: IncomingMessage, relays?: RelayCommitments): Promise<RouteReply | undefined> {
  const path = url.pathname;
  if (path === "/~scheduler@1.0/schedule" && method === "GET") return schedule(node, url.searchParams.get("target") ?? "", url, req, relays);
  const own = /^\/([A-Za-z0-9_-]{43})~process@1\.0\/schedule$/.exec(path);
  if (own && method === "GET") return schedule(node, own[1], url, req, relays);
  if ((path === "/~tim3@1.0/hold" || path === "/~tim3@1.0/release") && node.faults) {
    if (method !== "POST") throw new HttpError(405, `${path} with POST`);
    if (path === "/~tim3@1.0/release") return { status: 200, body: { released: await node.releaseHeld() } };
    const from = url.searchParams.get("from") ?? undefined;
    const target = url.searchParams.get("target") ?? undefined;
    for (const id of [from, target]) if (id !== undefined && !ID.test(id)) throw new HttpError(400, `not a process id: ${id}`);
    node.relayHold.add({ from, target });
    return { status: 200, body: { holding: { from, target } } };
  }
  return undefined;
}
