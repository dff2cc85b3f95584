/**
 * Reads of the state TIM3 processes expose with patch@1.0, by plain HTTP GETs on a HyperBEAM node — no dry-run, no
 * signature, cacheable:
 *
 *     GET <node>/<process>~process@1.0/now/cache/<key>/serialize~json@1.0
 *
 * `now` rather than `compute`: `compute` answers from the last state the node has computed, which may lag behind
 * messages already scheduled; `now` brings the process up to its latest assigned message first. A holder who just
 * minted and reads the operation or the balance right after `result` returns must see their own write, which only
 * `now` promises. (`compute` is the cheaper choice for dashboards that tolerate a lag; `path: "compute"` selects it.)
 *
 * Node versions answer these reads differently (an older one encodes twice when asked for JSON; the newest adds
 * `ao-types` siblings and refuses to serialise a scalar): PLAIN_READ_HEADERS says how each is read back.
 *
 * Every value is validated with the contract's zod schemas (`@tim3/protocol/schemas`), whose inferred types are the
 * ones returned. Values are accepted as HyperBEAM's JSON serialiser may render them: numbers or booleans as strings,
 * lists as arrays or as maps keyed "1", "2", ….
 *
 * Tokens TIM3 does not run (the real USDA) publish the way the aos token blueprint does, at the top of the process
 * state rather than under `cache/` — verified in permaweb/aos `blueprints/token.lua` (2026-06, commit ae42860: after
 * Transfer and Mint, `Send({ device = "patch@1.0", balances = { [address] = "<balance>" }, ["token-info"] = { name,
 * ticker, logo, denomination, supply } })`), its token_lib variant (initial sync `balances = { device = "trie@1.0" }`),
 * and permaweb/HyperBEAM `src/dev_patch.erl` (patches land at the state's root; its `custom_set_patch_test` sets
 * `balances/<id>` through a trie@1.0 key), `src/dev_trie.erl` (binary keys: an address is looked up exactly) and
 * `src/dev_codec_json.erl` (`serialize~json@1.0` of a binary is a JSON string). So a holder's balance is
 *
 *     GET <node>/<token>~process@1.0/now/balances/<address>/serialize~json@1.0   →   "750000000000"
 *
 * and token-info is `/now/token-info` (libs/protocol's BlueprintKeys). TIM3's Token Manager and mock USDA publish that
 * form as well (beside their own `cache/` entries), so `balance` reads it for every token: one GET, as a generic AO
 * wallet would make. `tokenInfo` reads whichever form a token publishes (`eitherForm`). A token whose form is known (`forms`: TIM3's own token always, the USDA as the
 * deployment recorded it) is asked at its one path: a balance is one round trip. An unknown token is asked TIM3's
 * form first and the blueprint's on a 404, and the form it answered with is remembered, so only its first read costs
 * two round trips.
 *
 * Field names: a HyperBEAM node lower-cases every key of an exposed value, so the processes publish them lowercase
 * kebab-case (`request-id`, `source-hash`; libs/protocol's `exposedName`). Here they are mapped back: fields to the
 * SDK's camelCase (`requestId`), and maps of tags (Info, limits) to the protocol's tag names (`Source-Hash`).
 */
import type { z } from "zod";
import {
  BlueprintKeys, CacheKeys, blueprintBalancePath, holderOperationsKey, holderOperationsPagePrefix, operationKey, owedKey, OPERATIONS_PER_HOLDER, ringNewestFromPages, ringPagesFor,
  type AuditEntry, type Health, type HistoryPoint, type Limits, type OperationKindName, type OperationRecord, type OwedTokens, type RingIndex, type RingPage, type Reserves, type TokenForm, type TokenInfo, type UnsettledTransfer,
} from "@tim3/protocol";
import {
  auditEntrySchema, healthSchema, historyPointSchema, limitsSchema, listSchema, operationRecordSchema, owedTokensSchema, processInfoSchema, quantitySchema, reservesSchema, ringIndexSchema,
  ringPageSchema, tokenInfoSchema, unsettledTransferSchema,
} from "@tim3/protocol/schemas";
import { ClientErrorCodes, Tim3Error } from "./errors";
import type { Quantity } from "./types";

export type CachePath = "now" | "compute";

/** What a state reader needs of an HTTP response. */
export interface StateResponse {
  status: number;
  ok: boolean;
  text(): Promise<string>;
}

/**
 * The GET a state reader sends. It must give up (reject) when the node stays silent for `timeoutMs`. The default is the platform `fetch`
 * with an `AbortSignal.timeout` (`platformFetch`); Node clients pass `nodeFetch()` from `@tim3/sdk/node`, which costs
 * less per read: its timeout is the request's own, not a timer and an abort signal made for every read.
 */
export type StateFetch = (url: string, init: { timeoutMs: number; headers?: Record<string, string> }) => Promise<StateResponse>;

/** The platform `fetch` (a browser's; undici in Node) as a StateFetch. */
export const platformFetch: StateFetch = (url, { timeoutMs, headers }) => globalThis.fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });

export interface StateReaderOptions {
  /** The HyperBEAM node, e.g. https://push.forward.computer (no trailing slash needed). */
  nodeUrl: string;
  path?: CachePath;
  fetch?: StateFetch;
  timeoutMs?: number;
  /**
   * Tokens whose publishing form is known (TIM3's own token: "tim3"; the USDA as the deployment recorded it), so their
   * reads ask one path and never try the other form.
   */
  forms?: Record<string, TokenForm>;
}

export interface StateReader {
  readonly nodeUrl: string;
  /** The URL a key is read from. */
  urlOf(process: string, key: string): string;
  /** The raw exposed value, or undefined when the process never exposed the key. */
  get(process: string, key: string): Promise<unknown>;
  /** The raw value at a path of the process state (`["balances", address]`), or undefined (HTTP 404). */
  getAt(process: string, path: string[]): Promise<unknown>;
  processInfo(process: string): Promise<Record<string, string>>;
  tokenInfo(token: string): Promise<TokenInfo>;
  /**
   * "0" for an account the token never exposed (it never held any). Read in the aos token blueprint's form
   * (`balances/<address>`), which every token TIM3 reads publishes: TIM3's own as well (libs/process-kit's token exposure).
   */
  balance(token: string, account: string): Promise<Quantity>;
  reserves(stateManager: string): Promise<Reserves>;
  health(stateManager: string): Promise<Health>;
  /** Oldest first, at most `limit` points (default 200). */
  history(stateManager: string, limit?: number): Promise<HistoryPoint[]>;
  /** The holder's operation with this request id (of this kind, when given), or undefined. */
  operation(coordinator: string, holder: string, requestId: string, kind?: OperationKindName): Promise<OperationRecord | undefined>;
  operations(coordinator: string, holder: string): Promise<OperationRecord[]>;
  pendingOperations(coordinator: string): Promise<OperationRecord[]>;
  disputedOperations(coordinator: string): Promise<OperationRecord[]>;
  /** The Lock Manager's transfers USDA has not confirmed (at most 50). */
  unsettledTransfers(lockManager: string): Promise<UnsettledTransfer[]>;
  limits(coordinator: string): Promise<Limits>;
  /** What `process` keeps for `account` past its return limit (libs/protocol returns.ts); [] when nothing (404: never owed). */
  owed(process: string, account: string): Promise<OwedTokens>;
  /** Newest first. */
  auditLog(process: string, limit?: number): Promise<AuditEntry[]>;
}

/** `request-id` → `requestId`. Field names are few: each is converted once (the bound keeps id-keyed maps out). */
function camelName(name: string): string {
  let camel = camelNames.get(name);
  if (camel === undefined) {
    camel = name.indexOf("-") < 0 ? name : name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (camelNames.size < 10_000) camelNames.set(name, camel);
  }
  return camel;
}
const camelNames = new Map<string, string>();

/** A value with its published (kebab-case) field names back in the SDK's camelCase, at every depth. */
export function fromExposedNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromExposedNames);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camelName(k), fromExposedNames(v)]));
}

/**
 * A blueprint token's balance as its trie holds it: the decimal string it patched ("750"). A JSON number is refused:
 * a 12-decimal amount does not fit a double exactly.
 */
const trieBalanceSchema = quantitySchema;

/** How a token publishes (libs/protocol's TokenForms): TIM3's `cache/` entries, or only the aos token blueprint's. */
export type { TokenForm };

/**
 * How node versions answer a state read, and how each is read back (verified in permaweb/HyperBEAM):
 *
 * - The serialize~json@1.0 read is sent with no `Accept`: `hb_http:encode_reply/3` then uses the default httpsig@1.0
 *   codec and sends the serialiser's body as it is. With `Accept: application/json` (`hb_http:accept_to_codec/2`,
 *   `mime_to_codec/2`) an older node (2025-05, `dev_codec_json:serialize/3` and `to/1`) JSON-encodes the serialised
 *   message again: `{"body":"<the JSON as a string>","content-type":"application/json"}`. Such a reply (from a proxy
 *   that adds the header) is still decoded: `unwrapSerialized`.
 * - The newest `dev_json:to/3` converts through structured@1.0 with `encode-types` atom and binary, so an object carries
 *   an `ao-types` sibling: atoms as strings ("true", typed "atom"), empty values absent and only typed
 *   (`dev_codec_structured:from/1`: "empty-binary", "empty-list", "empty-message"), integers past 2^53 as strings typed
 *   "integer" (`dev_json:safe_numbers/2`). `withoutAoTypes` restores the empty values and drops the siblings; the
 *   schemas already take numbers and booleans as strings.
 * - The newest `dev_json` answers 400 to serialize~json@1.0 of a scalar (`dev_json:scalar_http_read_test`), whose value
 *   is then read without the suffix, with `Accept: application/json`: `{"body": <value>}` (same test). Only a scalar is
 *   read that way: without the suffix a top-level `status` field becomes the HTTP status (`hb_http:reply/4`), and an
 *   operation's `status` is "completed".
 */
const PLAIN_READ_HEADERS = { accept: "application/json" };

/** `reason="empty-binary", burned="atom"` (an RFC 9651 dictionary of strings; keys percent-encoded by hb_escape). */
function parseAoTypes(types: string): Map<string, string> {
  const parsed = new Map<string, string>();
  for (const m of types.matchAll(/(?:^|,)\s*([^=,\s]+)\s*=\s*"((?:[^"\\]|\\.)*)"/g)) {
    let key = m[1];
    try { key = decodeURIComponent(key); } catch { /* kept as sent */ }
    parsed.set(key.toLowerCase(), m[2].replace(/\\(.)/g, "$1"));
  }
  return parsed;
}

const EMPTY_VALUES: Record<string, () => unknown> = { "empty-binary": () => "", "empty-list": () => [], "empty-message": () => ({}) };

/** A value as the newest dev_json renders it, without its `ao-types` siblings and with the empty values they name. */
export function withoutAoTypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAoTypes);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (k !== "ao-types") out[k] = withoutAoTypes(v);
  if (typeof record["ao-types"] === "string") {
    for (const [key, type] of parseAoTypes(record["ao-types"])) {
      if (!(key in out) && type in EMPTY_VALUES) out[key] = EMPTY_VALUES[type]();
    }
  }
  return out;
}

/** The serialised value, from a reply an older node JSON-encoded a second time (`{"body": "<JSON>", "content-type": …}`). */
function unwrapSerialized(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const { body, "content-type": contentType } = value as Record<string, unknown>;
  if (typeof body !== "string" || typeof contentType !== "string" || !contentType.startsWith("application/json")) return value;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return value;
  }
}

export function createStateReader(options: StateReaderOptions): StateReader {
  const base = options.nodeUrl.replace(/\/+$/, "");
  const path = options.path ?? "now";
  const doFetch: StateFetch = options.fetch ?? platformFetch;
  const timeoutMs = options.timeoutMs ?? 30_000;

  const plainUrlAt = (process: string, segments: string[]) =>
    `${base}/${encodeURIComponent(process)}~process@1.0/${path}/${segments.map(encodeURIComponent).join("/")}`;
  const urlAt = (process: string, segments: string[]) => `${plainUrlAt(process, segments)}/serialize~json@1.0`;
  const urlOf = (process: string, key: string) => urlAt(process, ["cache", key]);
  /** Per token, the form it answered with (a token publishes one way; learning it once is enough). */
  const tokenForms = new Map<string, TokenForm>(Object.entries(options.forms ?? {}));

  const get = (process: string, key: string) => getAt(process, ["cache", key]);

  /** One GET; a GET is safe to repeat: one retry covers a kept-alive connection the server closed meanwhile. */
  async function send(url: string, process: string, key: string, headers?: Record<string, string>): Promise<StateResponse> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await doFetch(url, { timeoutMs, headers });
      } catch (e) {
        if (attempt >= 2) {
          throw new Tim3Error(`Reading ${key} of ${process} failed: ${e instanceof Error ? e.message : String(e)}`, { code: ClientErrorCodes.Network, action: "network", process });
        }
      }
    }
  }

  async function json(response: StateResponse, process: string, key: string): Promise<unknown> {
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Tim3Error(`Reading ${key} of ${process}: the node did not answer JSON`, { code: ClientErrorCodes.Network, action: "network", process });
    }
  }

  const httpError = (response: StateResponse, process: string, key: string) =>
    new Tim3Error(`Reading ${key} of ${process}: HTTP ${response.status}`, { code: ClientErrorCodes.Network, action: "network", process });

  /** Set once the node refused to serialise a scalar (the newest dev_json): scalars are then read plainly at once. */
  let scalarsReadPlainly = false;

  /** A scalar read without the serialize suffix: the reply is `{"body": <value>}` (dev_json `scalar_http_read_test`). */
  async function plainScalar(process: string, segments: string[], key: string): Promise<unknown> {
    const plain = await send(plainUrlAt(process, segments), process, key, PLAIN_READ_HEADERS);
    if (plain.status === 404) return undefined;
    if (!plain.ok) throw httpError(plain, process, key);
    const reply = await json(plain, process, key);
    const body = typeof reply === "object" && reply !== null && !Array.isArray(reply) ? (reply as Record<string, unknown>).body : undefined;
    if (body === undefined) throw new Tim3Error(`Reading ${key} of ${process}: the node answered neither the value nor a body`, { code: ClientErrorCodes.Network, action: "network", process });
    return withoutAoTypes(body);
  }

  /** `scalar`: the caller knows the value is a scalar (a balance), so a node known to refuse serialising one is asked plainly. */
  async function getAt(process: string, segments: string[], scalar = false): Promise<unknown> {
    const key = segments.join("/");
    if (scalar && scalarsReadPlainly) return plainScalar(process, segments, key);
    // No Accept header: see PLAIN_READ_HEADERS for what it makes an older node do.
    const response = await send(urlAt(process, segments), process, key);
    if (response.status === 404) return undefined;
    if (response.status === 400) {
      // The newest dev_json refuses to serialise a scalar: read the value itself.
      const value = await plainScalar(process, segments, key);
      if (scalar) scalarsReadPlainly = true;
      return value;
    }
    if (!response.ok) throw httpError(response, process, key);
    return withoutAoTypes(unwrapSerialized(await json(response, process, key)));
  }

  function parse<O>(schema: z.ZodType<O, z.ZodTypeDef, unknown>, value: unknown, process: string, key: string): O {
    const r = schema.safeParse(fromExposedNames(value));
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new Tim3Error(`${key} of ${process} is not what TIM3 exposes (${issue.path.join(".") || "value"}: ${issue.message})`, {
        code: ClientErrorCodes.BadState,
        action: "read",
        process,
      });
    }
    return r.data;
  }

  async function required<O>(process: string, key: string, schema: z.ZodType<O, z.ZodTypeDef, unknown>): Promise<O> {
    const value = await get(process, key);
    if (value === undefined) throw new Tim3Error(`${process} exposes no ${key} (not a TIM3 process, or not deployed yet?)`, { code: ClientErrorCodes.NoReply, action: "read", process });
    return parse(schema, value, process, key);
  }

  async function newestOfRing<O>(
    process: string, indexKey: string, pagePrefix: string, item: z.ZodType<O, z.ZodTypeDef, unknown>, limit: number, missing: "error" | "empty" = "error",
  ): Promise<O[]> {
    let index: RingIndex;
    if (missing === "error") index = await required(process, indexKey, ringIndexSchema);
    else {
      const value = await get(process, indexKey);
      if (value === undefined) return [];
      index = parse(ringIndexSchema, value, process, indexKey);
    }
    const wanted = ringPagesFor(index, limit);
    const pages: Record<number, RingPage<O>> = {};
    await Promise.all(
      wanted.map(async (n) => {
        const page = await get(process, pagePrefix + String(n));
        if (page !== undefined) pages[n] = parse(ringPageSchema(item), page, process, pagePrefix + String(n));
      }),
    );
    return ringNewestFromPages(index, pages, limit);
  }

  /**
   * A token value in whichever form the token publishes: TIM3's `cache/<key>`, else (404) the aos token blueprint's
   * top-level `path`. Once a token answered, its form is remembered and only that one is asked. Undefined when
   * neither exists.
   */
  async function eitherForm(token: string, key: string, path: string[]): Promise<{ form: TokenForm; value: unknown } | undefined> {
    const known = tokenForms.get(token);
    if (known !== undefined) {
      const value = known === "tim3" ? await get(token, key) : await getAt(token, path);
      return value === undefined ? undefined : { form: known, value };
    }
    const ours = await get(token, key);
    const found: { form: TokenForm; value: unknown } | undefined =
      ours !== undefined ? { form: "tim3", value: ours } : await getAt(token, path).then((v) => (v === undefined ? undefined : { form: "blueprint" as const, value: v }));
    if (found !== undefined) tokenForms.set(token, found.form);
    return found;
  }

  const trieBalance = (token: string, account: string, value: unknown): Quantity => parse(trieBalanceSchema, value, token, blueprintBalancePath(account).join("/"));

  return {
    nodeUrl: base,
    urlOf,
    get,
    getAt: (process, segments) => getAt(process, segments),
    processInfo: (process) => required(process, CacheKeys.ProcessInfo, processInfoSchema),
    async tokenInfo(token) {
      const value = await eitherForm(token, CacheKeys.TokenInfo, [BlueprintKeys.TokenInfo]);
      if (value === undefined) throw new Tim3Error(`${token} exposes no token-info (not a token, or not deployed yet?)`, { code: ClientErrorCodes.NoReply, action: "read", process: token });
      return parse(tokenInfoSchema, value.value, token, CacheKeys.TokenInfo);
    },
    async balance(token, account) {
      // Every token's balance as the aos token blueprint publishes it (TIM3's Token Manager and mock USDA publish
      // that form too): one GET, the same a generic AO wallet or explorer makes; 404 is a balance never held.
      const value = await getAt(token, blueprintBalancePath(account), true);
      return value === undefined ? "0" : trieBalance(token, account, value);
    },
    reserves: (stateManager) => required(stateManager, CacheKeys.Reserves, reservesSchema),
    health: (stateManager) => required(stateManager, CacheKeys.Health, healthSchema),
    async history(stateManager, limit = 200) {
      const points = await newestOfRing(stateManager, CacheKeys.History, CacheKeys.HistoryPagePrefix, historyPointSchema, limit);
      return points.reverse();
    },
    async operation(coordinator, holder, requestId, kind) {
      const key = operationKey(holder, requestId);
      const value = await get(coordinator, key);
      if (value === undefined) return undefined;
      const op = parse(operationRecordSchema, value, coordinator, key);
      if (op.holder !== holder || op.requestId !== requestId) {
        throw new Tim3Error(`${key} of ${coordinator} names another operation (${op.holder}/${op.requestId})`, { code: ClientErrorCodes.BadState, action: "read", process: coordinator });
      }
      // A request id is the holder's label: a redeem labelled as an earlier mint is not that mint.
      return kind === undefined || op.kind === kind ? op : undefined;
    },
    async operations(coordinator, holder) {
      // A holder the Coordinator has never seen has no index yet: no operations, not an error.
      return newestOfRing(coordinator, holderOperationsKey(holder), holderOperationsPagePrefix(holder), operationRecordSchema, OPERATIONS_PER_HOLDER, "empty");
    },
    async pendingOperations(coordinator) {
      const value = await get(coordinator, CacheKeys.PendingOperations);
      return value === undefined ? [] : parse(listSchema(operationRecordSchema), value, coordinator, CacheKeys.PendingOperations);
    },
    async disputedOperations(coordinator) {
      const value = await get(coordinator, CacheKeys.DisputedOperations);
      return value === undefined ? [] : parse(listSchema(operationRecordSchema), value, coordinator, CacheKeys.DisputedOperations);
    },
    async unsettledTransfers(lockManager) {
      // A Lock Manager older than this list publishes none: nothing is shown as unsettled.
      const value = await get(lockManager, CacheKeys.UnsettledTransfers);
      return value === undefined ? [] : parse(listSchema(unsettledTransferSchema), value, lockManager, CacheKeys.UnsettledTransfers);
    },
    limits: (coordinator) => required(coordinator, CacheKeys.Limits, limitsSchema),
    async owed(process, account) {
      const key = owedKey(account);
      const value = await get(process, key);
      return value === undefined ? [] : parse(owedTokensSchema, value, process, key);
    },
    auditLog: (process, limit = 500) => newestOfRing(process, CacheKeys.AuditLog, CacheKeys.AuditPagePrefix, auditEntrySchema, limit),
  };
}
