/**
 * What the local AO's delivery engine (./local-ao.ts) keeps, as an interface: each process's log of assigned messages
 * and their results, and the queue of what is still to deliver. Two implementations: ./memory-log.ts (the test
 * network, in memory) and tools/devnet's NodeStore (lmdb, durable). Both order the queue by the same key order.
 *
 * The queue is keyed by a path, and key order is dev_push's push order:
 *  - a wallet's push is queued as [seq] (seq counts up; a watcher's message ahead of everything gets a negative seq);
 *  - what an evaluation sent is queued under its sender's path plus its outbox key ("1", "2", …, dev_json_iface
 *    `json_to_message/2`), so [5] < [5,"1"] < [5,"1","1"] < [5,"10"] < [5,"2"] < [6] (numbers before strings, numbers
 *    by value, strings by bytes: lmdb's ordered-binary key order): depth-first, each outbox in its map's key order,
 *    as dev_push `do_push/3` maps over the outbox and computes each pushed message before the next key.
 * A wallet's message is assigned when it is pushed (dev_scheduler_server `do_assign/3` as the push arrives); a
 * relayed message waits in the queue unassigned and is assigned when it is delivered (dev_push `push_result_message/4`
 * → `schedule_result/5` schedules it right before it is computed), so a process's slots follow the push order.
 */

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
  /** Hops from the wallet message that started the flow (relayed messages; 0 when absent). */
  depth?: number;
}

/** A result as a CU serves it (`compute/results=`). */
export interface StoredResult {
  Messages: unknown[];
  Spawns: unknown[];
  Assignments: unknown[];
  Output: unknown;
  Error?: unknown;
}

/**
 * A queued delivery: a wallet's message, already assigned (`slot`), or a message a process sent, not assigned yet
 * (`entry`), assigned when it is delivered.
 */
export interface QueueEntry {
  pid: string;
  slot?: number;
  entry?: LogEntry;
}

/** A queue position. A wallet's message has path [seq]; what it sent, [seq, "1"], [seq, "1", "2"], …. */
export type QueuePath = (number | string)[];

/** A message an evaluation sent (or a re-push relayed), to queue unassigned. */
export interface Assignment {
  pid: string;
  entry: LogEntry;
  /** Its outbox key in its sender's result ("1", "2", …): how the push reply names it. */
  outboxKey?: string;
  /**
   * Where it is queued: under the sender's path at this key (depth-first; normally `outboxKey`), or, when undefined,
   * as a new top-level entry after everything queued (fifo).
   */
  under?: string;
}

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

export interface Queued {
  path: QueuePath;
  item: QueueEntry;
}

/** What `assign` did with a wallet's message. */
export interface AssignOutcome {
  slot: number;
  path: QueuePath;
  /** Already assigned to this process (slot = that slot; nothing assigned now). */
  duplicate: boolean;
  /** The same signed item went to this other process already (nothing assigned). */
  elsewhere?: string;
}

export interface AssignOptions {
  /** Queue it ahead of everything queued (a watcher's message), not after. */
  front?: boolean;
  /** Assign it again even when this process has it already (a replay); else it is a `duplicate`. */
  reassign?: boolean;
}

export interface MessageLog {
  /** The slot the next message to `pid` gets. */
  nextSlot(pid: string): number;
  /** Assigns a message from outside (a wallet's push) at once, and queues it as a new top-level entry. */
  assign(pid: string, entry: LogEntry, options?: AssignOptions): Promise<AssignOutcome>;
  /** The process a signed item from outside went to (a push or a spawn), if any. */
  itemProcess(id: string): string | undefined;
  /** The next entry in key order. */
  firstQueued(): Queued | undefined;
  /** The `index`-th queued entry in key order (a reordering fault). */
  queuedAt(index: number): Queued | undefined;
  queueLength(): number;
  /** Whether anything is still queued under the top-level entry [seq] (its cascade is not finished). */
  cascadeQueued(seq: number): boolean;
  /** Assigned messages of `pid` not yet evaluated, oldest slot first, with their queue paths. */
  pendingSlots(pid: string): { slot: number; path: QueuePath }[];
  /** A relayed message's slot and timestamp as it is delivered; durable with `commitEvaluation`; `undo` gives them back. */
  assignDelivery(pid: string): { slot: number; timestamp: number; undo: () => void };
  /**
   * One evaluation's effects, atomically: its result, its entry off the queue (and into the log when `delivered`, a
   * relayed message assigned as it was delivered), what it sent queued unassigned (see `Assignment.under`), and how
   * its outbox was pushed (`pushed`).
   */
  commitEvaluation(path: QueuePath, pid: string, slot: number, result: StoredResult, sent: Assignment[], pushed: PushedMessage[], delivered?: LogEntry): Promise<void>;
  /** Moves an unassigned queued entry behind everything (a delay fault). */
  moveToEnd(path: QueuePath): Promise<void>;
  /** What a slot's outbox was pushed as (empty before it is evaluated, or when it sent nothing). */
  pushed(pid: string, slot: number): PushedMessage[];
  result(pid: string, slot: number): StoredResult | undefined;
  entry(pid: string, slot: number): LogEntry | undefined;
  slotOf(pid: string, id: string): number | undefined;
  /** A slot's outbox pushed again: its messages queued unassigned as a cascade of their own, [seq, key]; answers seq. */
  assignRepush(sent: Assignment[]): Promise<{ seq: number }>;
  /** Relayed messages that were held back, assigned now, each a top-level entry after everything queued. */
  assignReleased(assignments: Assignment[], options?: AssignOptions): Promise<void>;
}
