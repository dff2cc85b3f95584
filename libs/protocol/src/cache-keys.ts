/**
 * The keys under which TIM3 processes publish their state with `patch@1.0` (AO mainnet, HyperBEAM), read by clients
 * with HTTP GET `/<process>~process@1.0/now/cache/<key>`, and how a published value names its fields. The writers are
 * the processes' (libs/process-kit's exposure); readers (the SDK) use these keys and the ring readers below.
 * Keys are lowercase and path-safe; a value is always a JSON object or array, bounded in size.
 */

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
  /** `owed-<sender>`: the tokens a process keeps for a sender past its return limit (returns.ts), until claimed. */
  OwedPrefix: "owed-",
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

/**
 * How a token publishes its state: TIM3's form (`cache/token-info`, `cache/balance-<hex>`, beside the blueprint's) or
 * only the aos token blueprint's (`token-info` and the `balances` trie at the root). A deployment records the USDA's.
 */
export const TokenForms = { Tim3: "tim3", Blueprint: "blueprint" } as const;
export type TokenForm = (typeof TokenForms)[keyof typeof TokenForms];

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

/** Where a process publishes what it owes `sender` (an `OwedTokens` list; empty once claimed). */
export function owedKey(sender: string): string {
  return CacheKeys.OwedPrefix + keySegment(sender);
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
