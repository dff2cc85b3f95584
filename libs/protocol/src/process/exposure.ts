/**
 * State exposure (AO mainnet, HyperBEAM): what a process publishes with `patch@1.0` so that clients read it over
 * HTTP GET `/<process>~process@1.0/now/cache/<key>` instead of dry-running it.
 *
 * Each process describes its exposure as pure functions of its state (`Exposure`); one generic emitter in
 * libs/aos-kit runs them after every handler and sends only the entries whose value changed. Keys are lowercase
 * and path-safe; a value is always a JSON object or array, bounded in size (one entry per account or request, or a
 * fixed-size page), never one blob that grows with the number of holders.
 */
import type { Message, Outgoing } from "../message";
import { Tags } from "../tags";
import { infoTags } from "./admin";
import type { Ring } from "./core";
import type { HasCore } from "./dispatch";

/** Cache key → value, as sent in one `patch@1.0` message's `cache` table. */
export type CacheEntries = Record<string, unknown>;

export interface ExposureContext {
  /** This process's id. */
  self: string;
  /** The process's owner (its spawner), from the process message. */
  owner: string;
  /** Time of the evaluation that publishes (ms since the epoch). */
  now: number;
  /**
   * Whether the message being published for may have added to the audit log (only an audited admin action does:
   * see recordAudit). Absent means it may have. The audit entries are left out of `touched` when it is false.
   */
  audited?: boolean;
}

export interface Exposure<S> {
  /** Every entry the process exposes: published once when a bundle is loaded (spawn and every upgrade). */
  all(state: S, ctx: ExposureContext): CacheEntries;
  /**
   * The entries one message may have changed: the process-wide ones plus those of the accounts and request ids it
   * named (`ids`). `published(key)` says whether a key was ever sent, so an account that left the ledger is
   * published once more (with its zero) while a name nobody holds is not published at all.
   */
  touched(state: S, ids: string[], ctx: ExposureContext, published: (key: string) => boolean): CacheEntries;
  /**
   * Whether `published(key)` must remember that this entry was sent (a token's non-zero balance, so that its zero is
   * sent once when the account leaves the ledger). Nothing else is remembered: a memory of every key ever sent would
   * grow with every operation a stranger causes for free. Absent: nothing is remembered.
   */
  remembers?: (this: void, key: string, entry: unknown) => boolean;
  /**
   * Keys published at the ROOT of the process state rather than under `cache` (HyperBEAM dev_patch applies every
   * key of a patch@1.0 message at the root): the aos token blueprint's `token-info` and `balances`, so that generic
   * AO wallets and explorers read a token as they read any blueprint token.
   */
  root?: RootExposure<S>;
}

/**
 * Root keys of a patch@1.0 message. A key named in `tries` is a HyperBEAM trie (patched `{ device = "trie@1.0" }`
 * once per load before anything is set in it): its value here is a map of member → string, each member published
 * exactly as given (dev_trie keys are binary: an address keeps its case). Any other key's value is published as a
 * value of `cache` is (field names lowercase).
 */
export type RootEntries = Record<string, unknown>;

export interface RootExposure<S> {
  tries: string[];
  /** Every root entry (on load). */
  all(state: S, ctx: ExposureContext): RootEntries;
  /** The root entries one message may have changed; `published(key, member)` says whether a trie member was ever sent. */
  touched(state: S, ids: string[], ctx: ExposureContext, published: (key: string, member: string) => boolean): RootEntries;
}

/** Keys every TIM3 process publishes. ("info" itself is a HyperBEAM path name, hence the prefix.) */
export const CacheKeys = {
  ProcessInfo: "process-info",
  AuditLog: "audit-log",
  AuditPagePrefix: "audit-page-",
  TokenInfo: "token-info",
  BalancePrefix: "balance-",
  Reserves: "reserves",
  Health: "health",
  Circuit: "circuit",
  History: "history",
  HistoryPagePrefix: "history-page-",
  Limits: "limits",
  OperationPrefix: "operation-",
  HolderOperationsPrefix: "operations-",
  PendingOperations: "pending-operations",
  /** The Coordinator's disputed redeems (at most 50), waiting for the admin's Resolve-Release. */
  DisputedOperations: "disputed-operations",
  Collateral: "collateral",
  /**
   * The Lock Manager's USDA transfers (releases, refunds, returns) USDA has not confirmed yet, at most 50: each with the
   * X-Reference USDA's answer must echo, so the admin's tools can read USDA's own result for it (`usdaVerdict`).
   */
  UnsettledTransfers: "unsettled-transfers",
} as const;

/**
 * Where the aos token blueprint publishes (and so, as far as public sources show, the real USDA on mainnet): at the
 * top of the process state, not under `cache/`. `balances` is a HyperBEAM trie keyed by address (a holder's balance
 * at `/now/balances/<address>`, a decimal string), `token-info` the token's name, ticker, denomination, logo and
 * supply (permaweb/aos `blueprints/token.lua`; HyperBEAM `dev_patch`). TIM3's own tokens publish `CacheKeys.TokenInfo`
 * and `balance-<hex>` under `cache/` instead.
 */
export const BlueprintKeys = {
  Balances: "balances",
  TokenInfo: "token-info",
} as const;

/** A holder's balance in a blueprint token's state: `["balances", address]`. */
export function blueprintBalancePath(account: string): string[] {
  return [BlueprintKeys.Balances, account];
}

/**
 * A field name as it is published: lowercase kebab-case (`requestId` → `request-id`, `Source-Hash` → `source-hash`).
 * A HyperBEAM node lower-cases every key of an exposed value at every depth, so a mixed-case name would not come back
 * as it was sent; publishing the lowercase form makes what is sent and what is read the same. Readers map the names
 * back (libs/sdk's state reads).
 */
export function exposedName(name: string): string {
  const known = exposedNames[name];
  if (known !== undefined) return known;
  const out = toExposedName(name);
  // Field names are few (a value's shape, not its data); the bound keeps a map keyed by ids from growing it for good.
  if (exposedNamesCount < EXPOSED_NAMES_MEMORY) {
    exposedNames[name] = out;
    exposedNamesCount++;
  }
  return out;
}

/** Names already converted: an evaluation converts the same dozen field names for every record it publishes. */
const exposedNames: Record<string, string> = {};
let exposedNamesCount = 0;
const EXPOSED_NAMES_MEMORY = 512;

function toExposedName(name: string): string {
  let out = "";
  for (let i = 0; i < name.length; i++) {
    const c = name.charAt(i);
    const lower = c.toLowerCase();
    if (lower !== c && i > 0) {
      const before = name.charAt(i - 1);
      // A capital after a lowercase letter or a digit starts a word: "requestId", "ratioBps".
      if (before.toUpperCase() !== before || (before >= "0" && before <= "9")) out += "-";
    }
    out += lower;
  }
  return out;
}

/** A value with every field name made `exposedName`, at every depth (lists stay lists, in order). */
export function withExposedNames(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => withExposedNames(item));
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in source) out[exposedName(k)] = withExposedNames(source[k]);
  return out;
}

/**
 * Whether `exposed`, what `withExposedNames` made of an earlier value, is what it would make of `value`: a deep
 * comparison of the two, far cheaper in Lua than encoding both as JSON to compare the strings.
 */
export function sameAsExposed(value: unknown, exposed: unknown): boolean {
  if (typeof value !== "object" || value === null) return value === exposed;
  if (typeof exposed !== "object" || exposed === null) return false;
  if (Array.isArray(value)) {
    if (!Array.isArray(exposed) || value.length !== exposed.length) return false;
    for (let i = 0; i < value.length; i++) {
      if (!sameAsExposed(value[i], exposed[i])) return false;
    }
    return true;
  }
  if (Array.isArray(exposed)) return false;
  const source = value as Record<string, unknown>;
  const target = exposed as Record<string, unknown>;
  let fields = 0;
  for (const k in source) {
    fields++;
    if (!sameAsExposed(source[k], target[exposedName(k)])) return false;
  }
  for (const _ in target) fields--;
  return fields === 0;
}

/** Most entries in one patch message; a bundle load of a large ledger is split into several messages. */
export const PATCH_CHUNK = 500;

const HEX = "0123456789abcdef";
/** Each byte's two hex digits, by byte value. */
const HEX_PAIRS: string[] = [];
for (let c = 0; c < 256; c++) HEX_PAIRS.push(HEX.charAt(c >>> 4) + HEX.charAt(c & 15));

/**
 * An account or request id as a key segment: the lowercase hex of its characters. HyperBEAM paths are
 * case-insensitive, while addresses are case-sensitive base64url and request ids may hold `/`, `?` or `~`; hex keeps
 * every id distinct and path-safe. (Request ids are printable ASCII and addresses base64url or 0x-hex: one byte each.)
 */
export function keySegment(id: string): string {
  // Joined once at the end: in Lua, growing a string by concatenation makes a new string per character.
  const out: string[] = [];
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i) & 255;
    out.push(HEX_PAIRS[c]);
  }
  return out.join("");
}

export function balanceKey(account: string): string {
  return CacheKeys.BalancePrefix + keySegment(account);
}

/**
 * An operation by its holder's label: request ids are labels in each holder's own namespace (two holders may use the
 * same one), so the key names both. ("/" never occurs in an address.)
 */
export function operationKey(holder: string, requestId: string): string {
  return CacheKeys.OperationPrefix + keySegment(holder + "/" + requestId);
}

/** How many of each holder's newest operations the Coordinator keeps, and publishes (pages of its ring of keys). */
export const OPERATIONS_PER_HOLDER = 50;

/** A holder's newest operations, as a ring index; the pages are at `holderOperationsPagePrefix(holder)` + page. */
export function holderOperationsKey(holder: string): string {
  return CacheKeys.HolderOperationsPrefix + keySegment(holder);
}

export function holderOperationsPagePrefix(holder: string): string {
  return holderOperationsKey(holder) + "-page-";
}

export function historyPageKey(page: number): string {
  return CacheKeys.HistoryPagePrefix + String(page);
}

/** Tags whose values name an account or a request a message is about. */
const ID_TAGS = [Tags.Recipient, Tags.Target, Tags.Sender, Tags.Holder, Tags.Account, Tags.RequestId, Tags.XRequestId, Tags.Operation, Tags.DepositId];

/**
 * The accounts, request ids and operation keys one message is about: its sender and id, the ids in its tags, and the targets and ids of
 * what the handler sent. Derived from the message and the handler's output only, so no handler has to say what it
 * changed.
 */
export function idsOf(msg: Message, outgoing: Outgoing[]): string[] {
  const seen: Record<string, boolean> = {};
  const ids: string[] = [];
  const note = (v: string | undefined): void => {
    if (v === undefined || v === "" || seen[v] === true) return;
    seen[v] = true;
    ids.push(v);
  };
  note(msg.from);
  // A message's own id can be a key too (the Coordinator keys a redeem by the TIM3 Credit-Notice's id).
  note(msg.id);
  for (const t of ID_TAGS) note(msg.tags[t]);
  for (const out of outgoing) {
    note(out.target);
    for (const t of ID_TAGS) note(out.tags[t]);
  }
  return ids;
}

/** Splits entries into patch-sized groups. */
export function chunkEntries(entries: CacheEntries, size: number): CacheEntries[] {
  const chunks: CacheEntries[] = [];
  let current: CacheEntries = {};
  let n = 0;
  for (const k in entries) {
    current[k] = entries[k];
    n++;
    if (n === size) {
      chunks.push(current);
      current = {};
      n = 0;
    }
  }
  if (n > 0) chunks.push(current);
  return chunks;
}

/**
 * A bounded ring (audit log, history) exposed as fixed pages of its slots plus one small index entry, so that
 * appending re-publishes one page, not the whole ring.
 */
export interface RingIndex {
  /** Slot the next entry goes to, 0-based (as in `Ring.next`). */
  next: number;
  size: number;
  capacity: number;
  pageSize: number;
}

export interface RingPage<T> {
  page: number;
  /**
   * The page's filled slots in slot order (slots fill from the start of a page). A ring shown through a view (the
   * Coordinator's rings of operation keys, shown as operation records) has `false` where the view has nothing left to
   * show, so that every item stays at its slot's place.
   */
  items: (T | false)[];
}

/** How a ring's items are published: as they are, or through a view of the state they name. */
export type RingView<T, V> = (item: T) => V | undefined;

function ringPage<T, V>(ring: Ring<T>, page: number, pageSize: number, view: RingView<T, V>): RingPage<V> {
  const items: (V | false)[] = [];
  const first = page * pageSize + 1;
  for (let slot = first; slot < first + pageSize && slot <= ring.capacity; slot++) {
    const item = ring.items[slot];
    if (item === undefined) break;
    const shown = view(item);
    items.push(shown === undefined ? false : shown);
  }
  return { page, items };
}

function ringIndex<T>(ring: Ring<T>, pageSize: number): RingIndex {
  return { next: ring.next, size: ring.size, capacity: ring.capacity, pageSize };
}

function pageOfSlot(slot: number, pageSize: number): number {
  return Math.floor((slot - 1) / pageSize);
}

const asItIs = <T>(item: T): T => item;

/** The index and every page (on load). */
export function ringEntries<T, V = T>(
  ring: Ring<T>, indexKey: string, pagePrefix: string, pageSize: number, view: RingView<T, V> = asItIs as RingView<T, V>,
): CacheEntries {
  const out: CacheEntries = {};
  out[indexKey] = ringIndex(ring, pageSize);
  const pages = Math.ceil(ring.capacity / pageSize);
  for (let p = 0; p < pages; p++) out[pagePrefix + String(p)] = ringPage(ring, p, pageSize, view);
  return out;
}

/** The page holding the ring's newest entry (undefined while the ring is empty). */
export function ringNewestPage<T>(ring: Ring<T>, pageSize: number): number | undefined {
  return ring.size === 0 ? undefined : pageOfSlot(((ring.next - 1 + ring.capacity) % ring.capacity) + 1, pageSize);
}

/** The index and the page holding the newest entry: all an append can change. */
export function ringNewestEntries<T, V = T>(
  ring: Ring<T>, indexKey: string, pagePrefix: string, pageSize: number, view: RingView<T, V> = asItIs as RingView<T, V>,
): CacheEntries {
  const out: CacheEntries = {};
  out[indexKey] = ringIndex(ring, pageSize);
  const page = ringNewestPage(ring, pageSize);
  if (page !== undefined) out[pagePrefix + String(page)] = ringPage(ring, page, pageSize, view);
  return out;
}

/** The index and the page holding `item` (nothing when the ring no longer holds it): what a change to it changes. */
export function ringEntriesOfItem<T, V>(
  ring: Ring<T>, item: T, indexKey: string, pagePrefix: string, pageSize: number, view: RingView<T, V>,
): CacheEntries {
  const out: CacheEntries = {};
  for (let slot = 1; slot <= ring.capacity; slot++) {
    if (ring.items[slot] === item) {
      const page = pageOfSlot(slot, pageSize);
      out[indexKey] = ringIndex(ring, pageSize);
      out[pagePrefix + String(page)] = ringPage(ring, page, pageSize, view);
      break;
    }
  }
  return out;
}

/** For readers: the pages that hold the newest `limit` entries. */
export function ringPagesFor(index: RingIndex, limit: number): number[] {
  const pages: number[] = [];
  const seen: Record<number, boolean> = {};
  const n = Math.min(index.size, limit);
  for (let i = 1; i <= n; i++) {
    const slot = ((index.next - i + index.capacity) % index.capacity) + 1;
    const page = Math.floor((slot - 1) / index.pageSize);
    if (seen[page] !== true) {
      seen[page] = true;
      pages.push(page);
    }
  }
  return pages;
}

/** For readers: the newest `limit` entries, newest first, from the index and the pages `ringPagesFor` named. */
export function ringNewestFromPages<T>(index: RingIndex, pages: Record<number, RingPage<T>>, limit: number): T[] {
  const out: T[] = [];
  const n = Math.min(index.size, limit);
  for (let i = 1; i <= n; i++) {
    const slot = ((index.next - i + index.capacity) % index.capacity) + 1;
    const page = pages[Math.floor((slot - 1) / index.pageSize)];
    const item = page === undefined ? undefined : page.items[(slot - 1) % index.pageSize];
    if (item !== undefined && item !== false) out.push(item);
  }
  return out;
}

export const AUDIT_PAGE_SIZE = 20;

/** What every process exposes: its Info (as the Info reply's tags, plus Owner) and its audit log. */
export function coreEntries(state: HasCore, ctx: ExposureContext, extraInfo: Record<string, string>, all: boolean): CacheEntries {
  const info = infoTags(state, extraInfo);
  info["Process-Id"] = ctx.self;
  let out: CacheEntries;
  if (all) out = ringEntries(state.core.audit, CacheKeys.AuditLog, CacheKeys.AuditPagePrefix, AUDIT_PAGE_SIZE);
  else if (ctx.audited === false) out = {};
  else out = ringNewestEntries(state.core.audit, CacheKeys.AuditLog, CacheKeys.AuditPagePrefix, AUDIT_PAGE_SIZE);
  out[CacheKeys.ProcessInfo] = info;
  return out;
}
