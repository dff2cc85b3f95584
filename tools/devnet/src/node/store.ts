/**
 * The devnet's durable log in lmdb (one embedded database under <dataDir>/node.lmdb):
 *   ["proc", pid]            the spawn: owner, tags, timestamp
 *   ["msg", pid, slot]       every message assigned to a process, in slot order (slot 0 = the spawn)
 *   ["assigned", pid, id]    slot of a message id (a message is assigned to a process at most once)
 *   ["item", id]             the process a signed item from outside (a wallet's push, a spawn) went to: one signed
 *                            item is assigned to ONE process, ever, so a target-less item cannot be replayed at another
 *   ["result", pid, slot]    the evaluation result of that slot (what `compute/results=` serves)
 *   ["queue", seq, …keys]    not yet evaluated, in delivery order: a wallet's message (assigned) is ["queue", seq];
 *                            what an evaluation sent is queued under its sender's key plus its outbox key ("1", "2",
 *                            …), so lmdb's key order ([5] < [5,"1"] < [5,"1","1"] < [5,"10"] < [5,"2"]: strings by
 *                            bytes) is HyperBEAM's push order: depth-first, each outbox in its map's key order
 *                            (dev_push `do_push/3` maps over the outbox map; dev_json_iface `json_to_message/2` keys
 *                            it 1..n); a relayed message waits there unassigned and is assigned when delivered
 *   ["pending", pid, slot]   the queue path of an assigned message not yet evaluated (a wallet's push)
 *   ["pushed", pid, slot]    what that slot's outbox was pushed as: outbox key, target, the target's slot and the id
 *   ["ckpt", pid]            a heap checkpoint: the process as it was after slot `slot`
 * Evaluating a message commits its result, its removal from the queue and the assignment of every message it sent
 * (to the targets' logs and the queue) in ONE transaction, so a crash at any instant leaves either none or all of it.
 * Slots and timestamps come from @tim3/local-ao's Scheduler (as dev_scheduler_server `do_assign/3`: the next slot,
 * stamped with the clock when it is assigned), called inside that transaction and rolled back with it.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { Scheduler } from "@tim3/local-ao";
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

/**
 * A queued delivery: a wallet's message, already assigned (`slot`: a push is assigned when it arrives), or a message
 * a process sent, not assigned yet (`entry`): as HyperBEAM's sync push does (dev_push `do_push/3` schedules each
 * outbox message, then computes it, before the next), it is assigned when it is delivered, so every process
 * evaluates its messages in slot order and a replay of its log rebuilds the same state.
 */
export interface QueueEntry {
  pid: string;
  slot?: number;
  entry?: LogEntry;
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
  /** Its slot on the target, once delivered (`slotOf(target, id)` for what was pushed before it was assigned). */
  slot?: number;
  /** The target is no process of this node (dev_push answers 404 for it). */
  unrouted?: boolean;
  id: string;
}

export class NodeStore {
  readonly db: RootDatabase;
  /** Each process's next slot (from its log on open) and timestamps at assignment. */
  private readonly scheduler: Scheduler;
  private nextSeq = 0;

  constructor(path: string, clock: () => number = Date.now) {
    // noSync (LMDB's MDB_NOSYNC): a commit write()s its pages into the OS page cache and returns without an fsync, so
    // the answer path pays no disk flush (~6-9 ms a message under load before). The devnet promises recovery after a
    // SIGKILL, which this keeps: a killed process's writes are already the kernel's, so every answered transaction
    // survives, and LMDB's copy-on-write pages plus one meta page per commit keep the log consistent (atomic: all of a
    // transaction or none). A MACHINE crash (power, kernel) can lose the transactions the OS had not yet written back
    // (~30 s of dirty pages) or leave a file that will not open; then remove .devnet and run `devnet up` again.
    // (overlappingSync, lmdb-js's default, still fsyncs each commit on a background thread: measured slower here.)
    this.db = open({ path, compression: false, noSync: true });
    this.scheduler = new Scheduler({ clock, firstSlot: (pid) => this.loggedSlots(pid) });
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

  /**
   * The slot the next message to `pid` gets. It moves when a transaction assigns a message, a moment BEFORE lmdb
   * shows that message to readers: a slot below it may not be readable yet (see DevnetNode.result).
   */
  nextSlot(pid: string): number {
    return this.scheduler.nextSlot(pid);
  }

  /** One past the last slot in the process's log. */
  private loggedSlots(pid: string): number {
    const last = [...this.db.getKeys({ start: ["msg", pid, Number.MAX_SAFE_INTEGER], end: ["msg", pid, -1], reverse: true, limit: 1 })][0] as
      | [string, string, number]
      | undefined;
    return last ? last[2] + 1 : 0;
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
      if (parent !== undefined) {
        // Sent by a process: queued as it was relayed, assigned when delivered (see QueueEntry).
        this.db.put(["queue", ...path], { pid, entry } satisfies QueueEntry);
        out.push({ pid, slot: -1, id: entry.id, duplicate: false, path });
        continue;
      }
      const existing = this.slotOf(pid, entry.id);
      if (existing !== undefined) {
        out.push({ pid, slot: existing, id: entry.id, duplicate: true, path });
        continue;
      }
      // Stamped now, at assignment: a message's timestamp says when its target's scheduler took it.
      const { slot, timestamp } = this.scheduler.assign(pid);
      this.db.put(["msg", pid, slot], { ...entry, timestamp });
      this.db.put(["assigned", pid, entry.id], slot);
      this.db.put(["queue", ...path], { pid, slot } satisfies QueueEntry);
      this.db.put(["pending", pid, slot], path);
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
    const slots = this.scheduler.mark();
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
      this.scheduler.rollback(slots);
      this.nextSeq = seq;
      throw e;
    }
    return r;
  }

  /**
   * Assigns relayed messages that were held back (./relay-hold.ts), durably, each queued on its own as if pushed now
   * (after everything already queued). A message already assigned to its target is skipped.
   */
  async assignReleased(assignments: Assignment[]): Promise<void> {
    const slots = this.scheduler.mark();
    const seq = this.nextSeq;
    try {
      await this.db.transaction(() => {
        this.assignInTxn(assignments.map(({ pid, entry }) => ({ pid, entry })));
      });
    } catch (e) {
      this.scheduler.rollback(slots);
      this.nextSeq = seq;
      throw e;
    }
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
    this.scheduler.started(proc.pid, 0);
  }

  /**
   * A relayed message's slot and timestamp, given as it is delivered (dev_scheduler_server `do_assign/3`); durable
   * once `commitEvaluation` writes it with its result. `undo` gives them back when that write fails.
   */
  assignDelivery(pid: string): { slot: number; timestamp: number; undo: () => void } {
    const { slot, timestamp } = this.scheduler.assign(pid);
    // Only this slot is given back (a wallet's push may have been assigned to another process meanwhile).
    return { slot, timestamp, undo: () => void this.scheduler.unassign(pid, slot) };
  }

  /** Assigned messages of `pid` not yet evaluated (a wallet's pushes), oldest slot first, with their queue paths. */
  pendingSlots(pid: string): { slot: number; path: QueuePath }[] {
    return [...this.db.getRange({ start: ["pending", pid, -1], end: ["pending", pid, Number.MAX_SAFE_INTEGER] })].map(({ key, value }) => ({
      slot: (key as [string, string, number])[2],
      path: value as QueuePath,
    }));
  }

  /**
   * One evaluation's effects, atomically: its result, off the queue, what it sent assigned to its targets (queued
   * under `path`, so they are delivered before anything queued after it: depth-first), and how its outbox was pushed
   * (`unrouted`: outbox messages to processes this node does not host).
   */
  async commitEvaluation(path: QueuePath, pid: string, slot: number, result: StoredResult, sent: Assignment[], unrouted: PushedMessage[] = [], delivered?: LogEntry): Promise<void> {
    const slots = this.scheduler.mark();
    const next = this.nextSeq;
    try {
      await this.db.transaction(() => {
        if (delivered !== undefined) {
          // A relayed message assigned as it was delivered (`assignDelivery`): into the log with its result.
          this.db.put(["msg", pid, slot], delivered);
          this.db.put(["assigned", pid, delivered.id], slot);
        }
        this.db.put(["result", pid, slot], result);
        this.db.remove(["queue", ...path]);
        this.db.remove(["pending", pid, slot]);
        const assigned = this.assignInTxn(sent, path);
        const pushed: PushedMessage[] = [...unrouted];
        assigned.forEach((a, i) => pushed.push({ key: sent[i].outboxKey ?? String(i + 1), target: a.pid, id: a.id }));
        if (pushed.length > 0) this.db.put(["pushed", pid, slot], pushed);
      });
    } catch (e) {
      this.scheduler.rollback(slots);
      this.nextSeq = next;
      throw e;
    }
  }

  /**
   * A slot's outbox pushed again (dev_push `push/3` with a `slot`): its messages, relayed anew, assigned to their
   * targets and queued as a cascade of their own, `[seq, key]`, so they are pushed depth-first in the outbox's key
   * order like any other. Answers the cascade's `seq` and how each message was pushed.
   */
  async assignRepush(sent: Assignment[], unrouted: PushedMessage[]): Promise<{ seq: number; pushed: PushedMessage[] }> {
    const slots = this.scheduler.mark();
    const next = this.nextSeq;
    let out: { seq: number; pushed: PushedMessage[] } = { seq: -1, pushed: [] };
    try {
      await this.db.transaction(() => {
        const seq = this.nextSeq++;
        const assigned = this.assignInTxn(sent, [seq]);
        const pushed: PushedMessage[] = [...unrouted];
        assigned.forEach((a, i) => pushed.push({ key: sent[i].outboxKey ?? String(i + 1), target: a.pid, id: a.id }));
        out = { seq, pushed };
      });
    } catch (e) {
      this.scheduler.rollback(slots);
      this.nextSeq = next;
      throw e;
    }
    return out;
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
