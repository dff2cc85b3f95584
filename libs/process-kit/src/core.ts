/**
 * What every TIM3 process has: identity (name, version, source hash), an admin, its peers, a bounded memory of
 * message ids already handled (de-duplication), and a bounded audit log of admin actions.
 */
import { fromInteger, Tags, type AuditEntry } from "@tim3/protocol";
import type { Message } from "./message";
import { addReference, hasReference, referenceNumber, type CountedReferences } from "./counted";

export const SEEN_CAPACITY = 2000;
/** Return windows remembered (see ProcessCore.returnWindows). */
export const RETURN_WINDOWS_CAPACITY = 1000;
export const AUDIT_CAPACITY = 500;
/** Refused inputs remembered per sender (see ProcessCore.refused). */
const REFUSED_PER_SENDER = 16;

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
 * A bounded memory of the messages handled lately, by identity (`messageIdentity`): a copy delivered again soon after
 * does nothing. It can be flushed (junk messages push entries out), so nothing that moves value relies on it: each
 * value-moving input is also kept for good in `ProcessCore.counted`. (`at`, `floor` and `atFloor` are left from the
 * earlier low-water mark, which assumed a replay keeps its first timestamp; AO stamps every assignment anew.)
 */
interface SeenIds {
  ids: Record<string, boolean>;
  ring: Ring<string>;
  at?: Record<string, number>;
  floor?: number;
  atFloor?: Record<string, boolean>;
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
  /**
   * The identity (`messageIdentity`) of every input that moved value here — a token Transfer, a Credit-Notice
   * recorded as a deposit or a redeem, tokens returned — kept for good: however it is delivered again (same id, a new
   * id from a node's re-push, a new timestamp, any time later, after any junk), it does nothing. It grows with
   * value-moving inputs only; an input that moves nothing is never added.
   */
  counted: Record<string, boolean>;
  /**
   * The same set for a process's messages whose Reference aos wrote: one bit each (counted.ts). Absent in a state
   * from before it; `countedBefore` reads both.
   */
  countedReferences?: CountedReferences;
  /** Ids of the owner's Evals already evaluated, kept for good: an Eval delivered again does nothing (aos-kit). */
  evaluated: Record<string, boolean>;
  /**
   * For each sender that moved value here, the identities of its latest inputs refused for a reason that can pass
   * later (a Transfer over the balance): delivered again once the balance suffices, such an input would otherwise
   * move value its sender was told had failed (and may have sent again). Only the sender's own messages enter its
   * ring, so no one else can flush it; a sender that never moved value here and holds nothing here gets none
   * (strangers keep nothing).
   */
  refused: Record<string, Ring<string>>;
  /**
   * Tokens this process did not return to their sender because it had returned that sender's tokens
   * `ReturnLimits.perSender` times in the window already (returns.ts): sender → token process → quantity. It is money:
   * kept for good, never in a bounded memory, until the sender's own Claim-Returns pays it. Absent until first needed.
   */
  owed?: Record<string, Record<string, string>>;
  /**
   * Each sender's current return window (returns.ts; a sender's, or a sender's request id's), in a BOUNDED memory
   * (`RETURN_WINDOWS_CAPACITY` windows): it can be flushed, but only by getting tokens returned in that many other
   * windows, each a real token transfer, so each extra round of `perSender` returns to one bouncer costs thousands of
   * messages: never unbounded work for one. Absent in a state from before it (created when first needed).
   */
  returnWindows?: ReturnWindows;
}

/** See ProcessCore.returnWindows. */
export interface ReturnWindows {
  bySender: Record<string, { start: number; count: number }>;
  /** Senders in the order they entered: the oldest leaves when it is full. */
  order: Ring<string>;
}

function newSeenIds(capacity: number): SeenIds {
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
    acted: {},
    sequence: 0,
    counted: {},
    countedReferences: {},
    evaluated: {},
    refused: {},
    returnWindows: { bySender: {}, order: newRing<string>(RETURN_WINDOWS_CAPACITY) },
  };
}

/** The next report sequence number, as a tag value. */
export function nextSequence(core: ProcessCore): string {
  core.sequence = core.sequence + 1;
  return fromInteger(core.sequence);
}

/**
 * What makes two deliveries the same message on AO, where neither the id nor the timestamp survives delivery:
 * - a process's message (From ≠ Owner: relayed by a trusted authority, From = its From-Process) is signed afresh by
 *   the node at every relay, and a node can push a slot's outbox again (HyperBEAM src/dev_push.erl: `do_push`,
 *   `schedule_result`), so its id is new each time. What the node does not touch is what the sender wrote, including
 *   aos's `Reference` (permaweb/aos process/ao.lua `ao.send`: a counter in the process's state, incremented per
 *   message sent), unique per sender: identity = From + "#" + Reference. A process on a module built before aos 2.0
 *   writes the same counter as `Ref_` (permaweb/ao dev-cli/container/src/ao.lua, `ao.send`): identity = From +
 *   "#Ref_" + it (its own namespace: the two counters are different). A sender that writes neither (not aos) can only
 *   be identified by the id.
 * - a wallet's message (From = Owner) is the signed data item itself: a scheduler may assign it again with a new
 *   timestamp (HyperBEAM src/dev_scheduler_server.erl `do_assign` stamps each assignment with the SU's clock and
 *   does not look for an earlier one), but its id is the hash of its signature, so identity = the id.
 */
export function messageIdentity(msg: Message): string {
  if (msg.from !== msg.owner) {
    const reference = msg.tags[Tags.Reference];
    if (reference !== undefined && reference !== "") return msg.from + "#" + reference;
    const legacy = msg.tags[Tags.LegacyReference];
    if (legacy !== undefined && legacy !== "") return msg.from + "#" + Tags.LegacyReference + legacy;
  }
  return msg.id;
}

/** Keeps the message's identity for good: call it in a handler that moved value (see `ProcessCore.counted`). */
export function countForGood(core: ProcessCore, msg: Message): void {
  const reference = msg.from !== msg.owner ? referenceNumber(msg.tags[Tags.Reference]) : undefined;
  if (reference === undefined) {
    core.counted[messageIdentity(msg)] = true;
  } else {
    if (core.countedReferences === undefined) core.countedReferences = {};
    addReference(core.countedReferences, msg.from, reference);
  }
  if (core.refused[msg.from] === undefined) core.refused[msg.from] = newRing<string>(REFUSED_PER_SENDER);
}

/** True when an input of this message's identity moved value here (see `ProcessCore.counted`), however long ago. */
export function countedBefore(core: ProcessCore, msg: Message): boolean {
  if (core.counted[messageIdentity(msg)] === true) return true;
  const reference = msg.from !== msg.owner ? referenceNumber(msg.tags[Tags.Reference]) : undefined;
  return reference !== undefined && hasReference(core.countedReferences, msg.from, reference);
}

/**
 * Remembers a refusal that could pass later, for a sender that moved value here before or that `holds` something here
 * (see ProcessCore.refused).
 */
export function rememberRefusal(core: ProcessCore, msg: Message, holds: boolean): void {
  if (core.refused[msg.from] === undefined && holds) core.refused[msg.from] = newRing<string>(REFUSED_PER_SENDER);
  const ring = core.refused[msg.from];
  if (ring !== undefined) ringPush(ring, messageIdentity(msg));
}

/** True when this sender's input of this identity was refused lately (see ProcessCore.refused). */
export function refusedBefore(core: ProcessCore, from: string, identity: string): boolean {
  const ring = core.refused[from];
  if (ring === undefined) return false;
  for (let i = 1; i <= ring.size; i++) if (ring.items[i] === identity) return true;
  return false;
}

/** True when a message of this identity was handled lately; otherwise remembers it (bounded: see SeenIds). */
export function alreadySeen(seen: SeenIds, identity: string): boolean {
  if (seen.ids[identity] === true) return true;
  seen.ids[identity] = true;
  const dropped = ringPush(seen.ring, identity);
  if (dropped !== undefined) delete seen.ids[dropped];
  return false;
}

export function recordAudit(core: ProcessCore, entry: AuditEntry): void {
  ringPush(core.audit, entry);
  core.acted[entry.messageId] = true;
}
