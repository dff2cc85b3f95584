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

/**
 * A bounded memory of message ids with a low-water mark, so that flushing it never lets an old message act again:
 * the scheduler assigns each process its messages in non-decreasing timestamp order, so once an id is forgotten
 * every message at or before its timestamp counts as seen (`floor`, plus the forgotten ids stamped exactly at
 * `floor`, since several messages may share a millisecond). A genuinely new message always comes after them.
 */
export interface SeenIds {
  ids: Record<string, boolean>;
  ring: Ring<string>;
  /** Timestamp of each remembered id. */
  at: Record<string, number>;
  /** The newest timestamp forgotten so far (0: nothing forgotten). */
  floor: number;
  /** Forgotten ids whose timestamp is exactly `floor`. */
  atFloor: Record<string, boolean>;
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
  /**
   * Ids of every admin message that changed state (one per audited action, kept for good): an old signed admin
   * message delivered again is recognised however long ago it was, however much junk came since.
   */
  acted: Record<string, boolean>;
  /** Counter of this process's reports, sent as the Sequence tag. */
  sequence: number;
}

export function newSeenIds(capacity: number): SeenIds {
  return { ids: {}, ring: newRing<string>(capacity), at: {}, floor: 0, atFloor: {} };
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
    acted: {},
    sequence: 0,
  };
}

/** The next report sequence number, as a tag value. */
export function nextSequence(core: ProcessCore): string {
  core.sequence = core.sequence + 1;
  return fromInteger(core.sequence);
}

/**
 * True when this message was handled already, or is older than what the memory has forgotten (see SeenIds);
 * otherwise remembers it. `timestamp` is the scheduler's, in milliseconds.
 */
export function alreadySeen(seen: SeenIds, id: string, timestamp: number): boolean {
  if (seen.ids[id] === true) return true;
  if (timestamp < seen.floor || (timestamp === seen.floor && seen.atFloor[id] === true)) return true;
  seen.ids[id] = true;
  seen.at[id] = timestamp;
  const dropped = ringPush(seen.ring, id);
  if (dropped !== undefined) {
    const droppedAt = seen.at[dropped] ?? 0;
    delete seen.ids[dropped];
    delete seen.at[dropped];
    if (droppedAt > seen.floor) {
      seen.floor = droppedAt;
      seen.atFloor = {};
    }
    if (droppedAt === seen.floor) seen.atFloor[dropped] = true;
  }
  return false;
}

export function recordAudit(core: ProcessCore, entry: AuditEntry): void {
  ringPush(core.audit, entry);
  core.acted[entry.messageId] = true;
}
