/**
 * The devnet's durable log in lmdb (one embedded database under <dataDir>/node.lmdb):
 *   ["proc", pid]            the spawn: owner, tags, timestamp
 *   ["msg", pid, slot]       every message assigned to a process, in slot order (slot 0 = the spawn)
 *   ["assigned", pid, id]    slot of a message id (a message is assigned to a process at most once)
 *   ["item", id]             the process a signed item from outside (a wallet's push, a spawn) went to: one signed
 *                            item is assigned to ONE process, ever, so a target-less item cannot be replayed at another
 *   ["result", pid, slot]    the evaluation result of that slot (what `compute/results=` serves)
 *   ["queue", seq, …keys]    assigned but not yet evaluated, in delivery order: a wallet's message is ["queue", seq];
 *                            what an evaluation sent is queued under its sender's key plus its outbox key ("1", "2",
 *                            …), so lmdb's key order ([5] < [5,"1"] < [5,"1","1"] < [5,"10"] < [5,"2"]: strings by
 *                            bytes) is HyperBEAM's push order: depth-first, each outbox in its map's key order
 *                            (dev_push `do_push/3` maps over the outbox map; dev_json_iface `json_to_message/2` keys
 *                            it 1..n)
 *   ["pushed", pid, slot]    what that slot's outbox was pushed as: outbox key, target, the target's slot and the id
 *   ["ckpt", pid]            a heap checkpoint: the process as it was after slot `slot`
 * Evaluating a message commits its result, its removal from the queue and the assignment of every message it sent
 * (to the targets' logs and the queue) in ONE transaction, so a crash at any instant leaves either none or all of it.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { open, type RootDatabase } from "lmdb";

export interface LogEntry {
  id: string;
  /** aos's msg.From: the signer for a wallet's message, the sending process for one the node relays. */
  from: string;
  /** aos's msg.Owner: the signer, or the node's address for messages it relays. */
  owner: string;
  tags: Record<string, string>;
  data: string;
  timestamp: number;
  /** Id of the message whose evaluation sent this one (relayed messages only). */
  parent?: string;
}

export interface ProcessEntry {
  pid: string;
  owner: string;
  tags: Record<string, string>;
  timestamp: number;
}

/** A result as a CU serves it. */
export interface StoredResult {
  Messages: unknown[];
  Spawns: unknown[];
  Assignments: unknown[];
  Output: unknown;
  Error?: unknown;
}

export interface QueueEntry {
  pid: string;
  slot: number;
}

interface StoredCheckpoint {
  slot: number;
  height: number;
  evaluated: number;
  cache: Record<string, unknown>;
  /** Other top-level patched keys (absent in checkpoints written before the devnet served them). */
  root?: Record<string, unknown>;
  /** gzip of the heap: aos heaps are mostly zeros. */
  memory: Buffer;
}

export interface Assignment {
  pid: string;
  entry: LogEntry;
  /** The message's outbox key in its sender's result ("1", "2", …): where it goes in the push order. */
  outboxKey?: string;
}

/** A queue position: ["queue", …path]. A wallet's message has path [seq]; what it sent, [seq, "1"], [seq, "1", "2"], …. */
export type QueuePath = (number | string)[];

/** One message of a slot's outbox as it was pushed (dev_push `push_result_message/4`'s `id`, `target`, `slot`). */
export interface PushedMessage {
  key: string;
  target: string;
  /** Its slot on the target; absent when the target is no process of this node (dev_push answers 404 for it). */
  slot?: number;
  id: string;
}

export class NodeStore {
  readonly db: RootDatabase;
  private nextSlots = new Map<string, number>();
  private nextSeq = 0;

  constructor(path: string) {
    this.db = open({ path, compression: false });
    const last = [...this.db.getKeys({ start: ["queue", Number.MAX_SAFE_INTEGER], end: ["queue", -1], reverse: true, limit: 1 })][0] as
      | [string, number, ...string[]]
      | undefined;
    this.nextSeq = last ? last[1] + 1 : 0;
  }

  processes(): ProcessEntry[] {
    return [...this.db.getRange({ start: ["proc"], end: ["proc", "\uffff"] })].map((e) => e.value as ProcessEntry);
  }

  process(pid: string): ProcessEntry | undefined {
    return this.db.get(["proc", pid]) as ProcessEntry | undefined;
  }

  nextSlot(pid: string): number {
    let n = this.nextSlots.get(pid);
    if (n === undefined) {
      const last = [...this.db.getKeys({ start: ["msg", pid, Number.MAX_SAFE_INTEGER], end: ["msg", pid, -1], reverse: true, limit: 1 })][0] as
        | [string, string, number]
        | undefined;
      n = last ? last[2] + 1 : 0;
      this.nextSlots.set(pid, n);
    }
    return n;
  }

  slotOf(pid: string, messageId: string): number | undefined {
    return this.db.get(["assigned", pid, messageId]) as number | undefined;
  }

  entry(pid: string, slot: number): LogEntry | undefined {
    return this.db.get(["msg", pid, slot]) as LogEntry | undefined;
  }

  result(pid: string, slot: number): StoredResult | undefined {
    return this.db.get(["result", pid, slot]) as StoredResult | undefined;
  }

  /** Evaluated entries of a process after `afterSlot`, in order (what a restart replays). */
  *evaluatedAfter(pid: string, afterSlot: number): Generator<{ slot: number; entry: LogEntry }> {
    for (const { key, value } of this.db.getRange({ start: ["msg", pid, afterSlot + 1], end: ["msg", pid, Number.MAX_SAFE_INTEGER] })) {
      const slot = (key as [string, string, number])[2];
      if (this.db.get(["result", pid, slot]) === undefined) return;
      yield { slot, entry: value as LogEntry };
    }
  }

  firstQueued(): { path: QueuePath; item: QueueEntry } | undefined {
    const first = [...this.db.getRange({ start: ["queue", -1], end: ["queue", Number.MAX_SAFE_INTEGER], limit: 1 })][0];
    return first ? { path: (first.key as (string | number)[]).slice(1), item: first.value as QueueEntry } : undefined;
  }

  /** Whether anything queued descends from the wallet's message queued as [seq] (its cascade is not finished). */
  cascadeQueued(seq: number): boolean {
    return [...this.db.getKeys({ start: ["queue", seq], end: ["queue", seq + 1], limit: 1 })].length > 0;
  }

  /** What a slot's outbox was pushed as (empty before it is evaluated, or when it sent nothing). */
  pushed(pid: string, slot: number): PushedMessage[] {
    return (this.db.get(["pushed", pid, slot]) as PushedMessage[] | undefined) ?? [];
  }

  queueLength(): number {
    return this.db.getCount({ start: ["queue", -1], end: ["queue", Number.MAX_SAFE_INTEGER] });
  }

  /** Puts messages into processes' logs and the queue; skips (and reports) any already assigned to that process. */
  private assignInTxn(assignments: Assignment[], parent?: QueuePath): { pid: string; slot: number; id: string; duplicate: boolean; path: QueuePath }[] {
    const out: { pid: string; slot: number; id: string; duplicate: boolean; path: QueuePath }[] = [];
    for (const { pid, entry, outboxKey } of assignments) {
      const path: QueuePath = parent !== undefined && outboxKey !== undefined ? [...parent, outboxKey] : [this.nextSeq++];
      const existing = this.slotOf(pid, entry.id);
      if (existing !== undefined) {
        out.push({ pid, slot: existing, id: entry.id, duplicate: true, path });
        continue;
      }
      const slot = this.nextSlot(pid);
      this.nextSlots.set(pid, slot + 1);
      this.db.put(["msg", pid, slot], entry);
      this.db.put(["assigned", pid, entry.id], slot);
      this.db.put(["queue", ...path], { pid, slot } satisfies QueueEntry);
      out.push({ pid, slot, id: entry.id, duplicate: false, path });
    }
    return out;
  }

  /** The process a signed item from outside was assigned to (a wallet's push or a spawn), if any. */
  itemProcess(id: string): string | undefined {
    return this.db.get(["item", id]) as string | undefined;
  }

  /**
   * Assigns one message from outside (a wallet's push), durably. `elsewhere` is set (and nothing assigned) when the
   * same signed item already went to another process: checked in the transaction, so two concurrent pushes of one
   * item to two processes cannot both pass.
   */
  async assign(pid: string, entry: LogEntry): Promise<{ slot: number; duplicate: boolean; path: QueuePath; elsewhere?: string }> {
    let r: { slot: number; duplicate: boolean; path: QueuePath; elsewhere?: string } = { slot: -1, duplicate: false, path: [] };
    const slots = new Map(this.nextSlots);
    const seq = this.nextSeq;
    try {
      await this.db.transaction(() => {
        const taken = this.itemProcess(entry.id);
        if (taken !== undefined && taken !== pid) {
          r = { slot: -1, duplicate: true, path: [], elsewhere: taken };
          return;
        }
        r = this.assignInTxn([{ pid, entry }])[0];
        this.db.put(["item", entry.id], pid);
      });
    } catch (e) {
      this.nextSlots = slots;
      this.nextSeq = seq;
      throw e;
    }
    return r;
  }

  /** A spawn: the process record, slot 0 and its result, in one transaction. */
  async recordSpawn(proc: ProcessEntry, entry: LogEntry, result: StoredResult): Promise<void> {
    await this.db.transaction(() => {
      this.db.put(["proc", proc.pid], proc);
      this.db.put(["msg", proc.pid, 0], entry);
      this.db.put(["assigned", proc.pid, entry.id], 0);
      this.db.put(["item", entry.id], proc.pid);
      this.db.put(["result", proc.pid, 0], result);
    });
    this.nextSlots.set(proc.pid, 1);
  }

  /**
   * One evaluation's effects, atomically: its result, off the queue, what it sent assigned to its targets (queued
   * under `path`, so they are delivered before anything queued after it: depth-first), and how its outbox was pushed
   * (`unrouted`: outbox messages to processes this node does not host).
   */
  async commitEvaluation(path: QueuePath, pid: string, slot: number, result: StoredResult, sent: Assignment[], unrouted: PushedMessage[] = []): Promise<void> {
    const slots = new Map(this.nextSlots);
    const next = this.nextSeq;
    try {
      await this.db.transaction(() => {
        this.db.put(["result", pid, slot], result);
        this.db.remove(["queue", ...path]);
        const assigned = this.assignInTxn(sent, path);
        const pushed: PushedMessage[] = [...unrouted];
        assigned.forEach((a, i) => pushed.push({ key: sent[i].outboxKey ?? String(i + 1), target: a.pid, slot: a.slot, id: a.id }));
        if (pushed.length > 0) this.db.put(["pushed", pid, slot], pushed);
      });
    } catch (e) {
      this.nextSlots = slots;
      this.nextSeq = next;
      throw e;
    }
  }

  checkpoint(pid: string): { slot: number; height: number; evaluated: number; cache: Record<string, unknown>; root?: Record<string, unknown>; memory: Uint8Array } | undefined {
    const c = this.db.get(["ckpt", pid]) as StoredCheckpoint | undefined;
    return c ? { ...c, memory: new Uint8Array(gunzipSync(c.memory)) } : undefined;
  }

  async saveCheckpoint(pid: string, c: { slot: number; height: number; evaluated: number; cache: Record<string, unknown>; root?: Record<string, unknown>; memory: Uint8Array }): Promise<void> {
    const memory = gzipSync(c.memory, { level: 1 });
    await this.db.put(["ckpt", pid], { slot: c.slot, height: c.height, evaluated: c.evaluated, cache: c.cache, root: c.root, memory } satisfies StoredCheckpoint);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
