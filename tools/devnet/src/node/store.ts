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
 * It is @tim3/local-ao's `MessageLog`, durable: the delivery engine (`LocalAo`) runs on it as the test network's runs on
 * a `MemoryLog`, and both order the queue alike (`compareQueuePaths`, checked against lmdb in test/queue-order.test.ts).
 */
import { gunzipSync, gzipSync } from "node:zlib";
import {
  Scheduler, type AssignOptions, type AssignOutcome, type Assignment, type LogEntry, type MessageLog, type PushedMessage, type QueueEntry, type QueuePath, type Queued,
  type StoredResult,
} from "@tim3/local-ao";
import { open, type RootDatabase } from "lmdb";

export type { LogEntry, StoredResult } from "@tim3/local-ao";

export interface ProcessEntry {
  pid: string;
  owner: string;
  tags: Record<string, string>;
  timestamp: number;
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

export class NodeStore implements MessageLog {
  readonly db: RootDatabase;
  /** Each process's next slot (from its log on open) and timestamps at assignment. */
  private readonly scheduler: Scheduler;
  private nextSeq = 0;
  /** Top-level keys handed out ahead of everything (`front`), counting down from -1. */
  private frontSeq = 0;

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
    const first = this.firstQueued();
    this.frontSeq = first !== undefined && typeof first.path[0] === "number" && first.path[0] < 0 ? first.path[0] : 0;
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

  firstQueued(): Queued | undefined {
    return this.queuedAt(0);
  }

  queuedAt(index: number): Queued | undefined {
    const at = [...this.db.getRange({ start: ["queue", -Number.MAX_SAFE_INTEGER], end: ["queue", Number.MAX_SAFE_INTEGER], offset: index, limit: 1 })][0];
    return at ? { path: (at.key as (string | number)[]).slice(1), item: at.value as QueueEntry } : undefined;
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
    return this.db.getCount({ start: ["queue", -Number.MAX_SAFE_INTEGER], end: ["queue", Number.MAX_SAFE_INTEGER] });
  }

  /** A new top-level queue key: after everything queued, or ahead of everything (`front`). */
  private topLevel(front = false): QueuePath {
    return [front ? --this.frontSeq : this.nextSeq++];
  }

  /** Queues messages an evaluation sent (or a re-push relayed), unassigned: under `parent` at `under`, else top-level. */
  private queueInTxn(sent: Assignment[], parent: QueuePath): void {
    for (const { pid, entry, under } of sent) {
      const path = under === undefined ? this.topLevel() : [...parent, under];
      this.db.put(["queue", ...path], { pid, entry } satisfies QueueEntry);
    }
  }

  /** Assigns a message now and queues it as a new top-level entry (a wallet's push, a released message). */
  private assignInTxn(pid: string, entry: LogEntry, front = false): { slot: number; path: QueuePath } {
    const path = this.topLevel(front);
    // Stamped now, at assignment: a message's timestamp says when its target's scheduler took it.
    const { slot, timestamp } = this.scheduler.assign(pid);
    this.db.put(["msg", pid, slot], { ...entry, timestamp });
    this.db.put(["assigned", pid, entry.id], slot);
    this.db.put(["queue", ...path], { pid, slot } satisfies QueueEntry);
    this.db.put(["pending", pid, slot], path);
    return { slot, path };
  }

  /** Runs `fn` in one transaction; the scheduler's and the queue's counters are put back when it fails. */
  private async inTransaction(fn: () => void): Promise<void> {
    const slots = this.scheduler.mark();
    const seq = this.nextSeq;
    const front = this.frontSeq;
    try {
      await this.db.transaction(fn);
    } catch (e) {
      this.scheduler.rollback(slots);
      this.nextSeq = seq;
      this.frontSeq = front;
      throw e;
    }
  }

  /** The process a signed item from outside was assigned to (a wallet's push or a spawn), if any. */
  itemProcess(id: string): string | undefined {
    return this.db.get(["item", id]) as string | undefined;
  }

  /**
   * Assigns one message from outside (a wallet's push), durably. `elsewhere` is set (and nothing assigned) when the
   * same signed item already went to another process: checked in the transaction, so two concurrent pushes of one
   * item to two processes cannot both pass. `duplicate` when this process has it already (unless `reassign`).
   */
  async assign(pid: string, entry: LogEntry, options: AssignOptions = {}): Promise<AssignOutcome> {
    let r: AssignOutcome = { slot: -1, duplicate: false, path: [] };
    await this.inTransaction(() => {
      const taken = this.itemProcess(entry.id);
      if (taken !== undefined && taken !== pid && options.reassign !== true) {
        r = { slot: -1, duplicate: true, path: [], elsewhere: taken };
        return;
      }
      const existing = this.slotOf(pid, entry.id);
      if (existing !== undefined && options.reassign !== true) {
        r = { slot: existing, duplicate: true, path: [] };
        return;
      }
      r = { ...this.assignInTxn(pid, entry, options.front), duplicate: false };
      if (taken === undefined) this.db.put(["item", entry.id], pid);
    });
    return r;
  }

  /**
   * Assigns relayed messages that were held back, durably, each queued on its own as if pushed now (after everything
   * already queued). A message already assigned to its target is skipped (unless `reassign`).
   */
  async assignReleased(assignments: Assignment[], options: AssignOptions = {}): Promise<void> {
    await this.inTransaction(() => {
      for (const { pid, entry } of assignments) {
        if (this.slotOf(pid, entry.id) !== undefined && options.reassign !== true) continue;
        this.assignInTxn(pid, entry);
      }
    });
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
   * One evaluation's effects, atomically: its result, off the queue, what it sent queued under `path` (delivered before
   * anything queued after it: depth-first) to be assigned when delivered, and how its outbox was pushed.
   */
  async commitEvaluation(path: QueuePath, pid: string, slot: number, result: StoredResult, sent: Assignment[], pushed: PushedMessage[], delivered?: LogEntry): Promise<void> {
    await this.inTransaction(() => {
      if (delivered !== undefined) {
        // A relayed message assigned as it was delivered (`assignDelivery`): into the log with its result.
        this.db.put(["msg", pid, slot], delivered);
        this.db.put(["assigned", pid, delivered.id], slot);
      }
      this.db.put(["result", pid, slot], result);
      this.db.remove(["queue", ...path]);
      this.db.remove(["pending", pid, slot]);
      this.queueInTxn(sent, path);
      if (pushed.length > 0) this.db.put(["pushed", pid, slot], pushed);
    });
  }

  /** Moves an unassigned queued entry behind everything (a delay fault). */
  async moveToEnd(path: QueuePath): Promise<void> {
    await this.inTransaction(() => {
      const item = this.db.get(["queue", ...path]) as QueueEntry | undefined;
      if (item === undefined) return;
      if (item.slot !== undefined) throw new Error("an assigned message stays where it was queued");
      this.db.remove(["queue", ...path]);
      this.db.put(["queue", ...this.topLevel()], item);
    });
  }

  /**
   * A slot's outbox pushed again (dev_push `push/3` with a `slot`): its messages, relayed anew, queued as a cascade of
   * their own, `[seq, key]`, so they are pushed depth-first in the outbox's key order like any other.
   */
  async assignRepush(sent: Assignment[]): Promise<{ seq: number }> {
    let seq = -1;
    await this.inTransaction(() => {
      seq = this.topLevel()[0] as number;
      this.queueInTxn(sent, [seq]);
    });
    return { seq };
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
