/**
 * State exposure (AO mainnet, HyperBEAM): what a process publishes with `patch@1.0` so that clients read it over
 * HTTP GET `/<process>~process@1.0/now/cache/<key>` instead of dry-running it.
 *
 * Each process describes its exposure as pure functions of its state (`Exposure`); one generic emitter in
 * libs/aos-kit runs them after every handler and sends only the entries whose value changed. Keys are lowercase
 * and path-safe; a value is always a JSON object or array, bounded in size (one entry per account or request, or a
 * fixed-size page), never one blob that grows with the number of holders.
 */
import { CacheKeys, Tags, type RingIndex, type RingPage } from "@tim3/protocol";
import type { Message, Outgoing } from "./message";
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

/** Most entries in one patch message; a bundle load of a large ledger is split into several messages. */
export const PATCH_CHUNK = 500;

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

const AUDIT_PAGE_SIZE = 20;

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
