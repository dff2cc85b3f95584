/**
 * What every TIM3 process has: identity (name, version, source hash), an admin, its peers, a bounded memory of
 * message ids already handled (de-duplication), and a bounded audit log of admin actions.
 */
import { fromInteger } from "../quantity";

export const SEEN_CAPACITY = 2000;
export const AUDIT_CAPACITY = 500;

/**
 * A fixed-size ring of recent entries; the oldest is forgotten when it is full. Slots are numbered from 1 so the
 * Lua table stays a plain array (aos's JSON encoder refuses a table with a key 0).
 */
export interface Ring<T> {
  items: Record<number, T>;
  next: number;
  size: number;
  capacity: number;
}

export function newRing<T>(capacity: number): Ring<T> {
  return { items: {}, next: 0, size: 0, capacity };
}

/** Appends and returns the entry that fell out, if any. */
export function ringPush<T>(ring: Ring<T>, item: T): T | undefined {
  const dropped = ring.size === ring.capacity ? ring.items[ring.next + 1] : undefined;
  ring.items[ring.next + 1] = item;
  ring.next = (ring.next + 1) % ring.capacity;
  if (ring.size < ring.capacity) ring.size = ring.size + 1;
  return dropped;
}

/** Entries from newest to oldest. */
export function ringNewestFirst<T>(ring: Ring<T>, limit: number): T[] {
  const out: T[] = [];
  for (let i = 1; i <= ring.size && out.length < limit; i++) {
    out.push(ring.items[((ring.next - i + ring.capacity) % ring.capacity) + 1]);
  }
  return out;
}

export interface SeenIds {
  ids: Record<string, boolean>;
  ring: Ring<string>;
}

export interface AuditEntry {
  at: number;
  by: string;
  action: string;
  detail: string;
  messageId: string;
}

export interface ProcessCore {
  name: string;
  version: string;
  sourceHash: string;
  admin: string;
  /**
   * The aos Owner (who may Eval, and so upgrade) as the wiring last saw it. The wiring keeps it equal to `admin`:
   * rotating the admin with Configure rotates the power to Eval, so no deploy key keeps it.
   */
  owner: string;
  /** Peer role (e.g. "Coordinator") → process id, set by Configure. */
  peers: Record<string, string>;
  seen: SeenIds;
  audit: Ring<AuditEntry>;
  /** Counter of this process's reports, sent as the Sequence tag. */
  sequence: number;
}

export function newSeenIds(capacity: number): SeenIds {
  return { ids: {}, ring: newRing<string>(capacity) };
}

export function newCore(name: string, version: string, sourceHash: string, admin: string): ProcessCore {
  return {
    name,
    version,
    sourceHash,
    admin,
    owner: admin,
    peers: {},
    seen: newSeenIds(SEEN_CAPACITY),
    audit: newRing<AuditEntry>(AUDIT_CAPACITY),
    sequence: 0,
  };
}

/** The next report sequence number, as a tag value. */
export function nextSequence(core: ProcessCore): string {
  core.sequence = core.sequence + 1;
  return fromInteger(core.sequence);
}

/** True when this message id was handled already; otherwise remembers it. */
export function alreadySeen(seen: SeenIds, id: string): boolean {
  if (seen.ids[id] === true) return true;
  seen.ids[id] = true;
  const dropped = ringPush(seen.ring, id);
  if (dropped !== undefined) delete seen.ids[dropped];
  return false;
}

export function recordAudit(core: ProcessCore, entry: AuditEntry): void {
  ringPush(core.audit, entry);
}
