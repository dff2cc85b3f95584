/**
 * The delivery engine's log in memory (./message-log.ts), for the test network: the same operations and the same queue
 * order as tools/devnet's lmdb NodeStore, without the disk. The queue is an array kept sorted by `compareQueuePaths`
 * (binary-search insertion), so taking the next delivery costs no sort however long a flow runs.
 */
import { Scheduler } from "../scheduler";
import type { AssignOptions, AssignOutcome, Assignment, LogEntry, MessageLog, PushedMessage, QueueEntry, QueuePath, Queued, StoredResult } from "./message-log";

const NON_ASCII = /[^ -~\t\n\r]/;

function compareStrings(a: string, b: string): number {
  // UTF-16 code units order ASCII as bytes do; anything else is compared as UTF-8 bytes, as lmdb stores it.
  if (!NON_ASCII.test(a) && !NON_ASCII.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/**
 * Two queue paths in lmdb's key order (lmdb-js ordered-binary): element by element, numbers before strings, numbers by
 * value, strings by their bytes, a path before every path it is a prefix of. So [5] < [5,"1"] < [5,"1","1"] <
 * [5,"10"] < [5,"2"] < [6]: dev_push's depth-first push order.
 */
export function compareQueuePaths(a: QueuePath, b: QueuePath): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x === "number" && typeof y === "number") {
      if (x !== y) return x < y ? -1 : 1;
    } else if (typeof x === "number") return -1;
    else if (typeof y === "number") return 1;
    else {
      const c = compareStrings(x, y);
      if (c !== 0) return c;
    }
  }
  return a.length - b.length;
}

/** Per process, a map from slot (or id) to what the log keeps there. */
class PerProcess<K, V> {
  private readonly byPid = new Map<string, Map<K, V>>();
  get(pid: string, key: K): V | undefined {
    return this.byPid.get(pid)?.get(key);
  }
  set(pid: string, key: K, value: V): void {
    let m = this.byPid.get(pid);
    if (m === undefined) this.byPid.set(pid, (m = new Map()));
    m.set(key, value);
  }
  delete(pid: string, key: K): void {
    this.byPid.get(pid)?.delete(key);
  }
  entries(pid: string): Iterable<[K, V]> {
    return this.byPid.get(pid)?.entries() ?? [];
  }
}

export class MemoryLog implements MessageLog {
  private readonly scheduler: Scheduler;
  private readonly queue: Queued[] = [];
  private readonly entries = new PerProcess<number, LogEntry>();
  private readonly assigned = new PerProcess<string, number>();
  private readonly results = new PerProcess<number, StoredResult>();
  private readonly pushedBySlot = new PerProcess<number, PushedMessage[]>();
  /** Assigned, not yet evaluated: slot → queue path, in slot order (slots are assigned counting up). */
  private readonly pending = new PerProcess<number, QueuePath>();
  private readonly items = new Map<string, string>();
  private nextSeq = 0;
  private frontSeq = 0;

  /** `clock`: the scheduler's clock (stamps at assignment). */
  constructor(clock: () => number) {
    this.scheduler = new Scheduler({ clock });
  }

  nextSlot(pid: string): number {
    return this.scheduler.nextSlot(pid);
  }

  /** Where `path` is in the queue, or where it would go (binary search). */
  private position(path: QueuePath): { index: number; found: boolean } {
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareQueuePaths(this.queue[mid].path, path);
      if (c === 0) return { index: mid, found: true };
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return { index: lo, found: false };
  }

  private enqueue(path: QueuePath, item: QueueEntry): void {
    const at = this.position(path);
    if (at.found) throw new Error(`queue path ${JSON.stringify(path)} is taken`);
    // Most entries go last (a new top-level seq) or first: no splice of the whole array then.
    if (at.index === this.queue.length) this.queue.push({ path, item });
    else if (at.index === 0) this.queue.unshift({ path, item });
    else this.queue.splice(at.index, 0, { path, item });
  }

  private dequeue(path: QueuePath): Queued | undefined {
    const at = this.position(path);
    if (!at.found) return undefined;
    return at.index === 0 ? this.queue.shift() : this.queue.splice(at.index, 1)[0];
  }

  private assignNow(pid: string, entry: LogEntry, path: QueuePath): number {
    const { slot, timestamp } = this.scheduler.assign(pid);
    this.entries.set(pid, slot, { ...entry, timestamp });
    this.assigned.set(pid, entry.id, slot);
    this.pending.set(pid, slot, path);
    this.enqueue(path, { pid, slot });
    return slot;
  }

  private topLevel(front = false): QueuePath {
    return [front ? --this.frontSeq : this.nextSeq++];
  }

  async assign(pid: string, entry: LogEntry, options: AssignOptions = {}): Promise<AssignOutcome> {
    const taken = this.items.get(entry.id);
    if (taken !== undefined && taken !== pid && options.reassign !== true) return { slot: -1, path: [], duplicate: true, elsewhere: taken };
    const existing = this.assigned.get(pid, entry.id);
    if (existing !== undefined && options.reassign !== true) return { slot: existing, path: [], duplicate: true };
    const path = this.topLevel(options.front);
    const slot = this.assignNow(pid, entry, path);
    if (taken === undefined) this.items.set(entry.id, pid);
    return { slot, path, duplicate: false };
  }

  itemProcess(id: string): string | undefined {
    return this.items.get(id);
  }

  firstQueued(): Queued | undefined {
    return this.queue[0];
  }

  queuedAt(index: number): Queued | undefined {
    return this.queue[index];
  }

  queueLength(): number {
    return this.queue.length;
  }

  cascadeQueued(seq: number): boolean {
    const at = this.position([seq]);
    const next = this.queue[at.index];
    return next !== undefined && next.path[0] === seq;
  }

  pendingSlots(pid: string): { slot: number; path: QueuePath }[] {
    return [...this.pending.entries(pid)].map(([slot, path]) => ({ slot, path }));
  }

  assignDelivery(pid: string): { slot: number; timestamp: number; undo: () => void } {
    const { slot, timestamp } = this.scheduler.assign(pid);
    return { slot, timestamp, undo: () => void this.scheduler.unassign(pid, slot) };
  }

  private queueSent(sent: Assignment[], parent: QueuePath): void {
    for (const a of sent) this.enqueue(a.under === undefined ? this.topLevel() : [...parent, a.under], { pid: a.pid, entry: a.entry });
  }

  async commitEvaluation(path: QueuePath, pid: string, slot: number, result: StoredResult, sent: Assignment[], pushed: PushedMessage[], delivered?: LogEntry): Promise<void> {
    if (delivered !== undefined) {
      this.entries.set(pid, slot, delivered);
      this.assigned.set(pid, delivered.id, slot);
    }
    this.results.set(pid, slot, result);
    this.dequeue(path);
    this.pending.delete(pid, slot);
    this.queueSent(sent, path);
    if (pushed.length > 0) this.pushedBySlot.set(pid, slot, pushed);
  }

  async moveToEnd(path: QueuePath): Promise<void> {
    const taken = this.dequeue(path);
    if (taken === undefined) return;
    if (taken.item.slot !== undefined) throw new Error("an assigned message stays where it was queued");
    this.enqueue(this.topLevel(), taken.item);
  }

  pushed(pid: string, slot: number): PushedMessage[] {
    return this.pushedBySlot.get(pid, slot) ?? [];
  }

  result(pid: string, slot: number): StoredResult | undefined {
    return this.results.get(pid, slot);
  }

  entry(pid: string, slot: number): LogEntry | undefined {
    return this.entries.get(pid, slot);
  }

  slotOf(pid: string, id: string): number | undefined {
    return this.assigned.get(pid, id);
  }

  async assignRepush(sent: Assignment[]): Promise<{ seq: number }> {
    const [seq] = this.topLevel() as [number];
    this.queueSent(sent, [seq]);
    return { seq };
  }

  async assignReleased(assignments: Assignment[], options: AssignOptions = {}): Promise<void> {
    for (const { pid, entry } of assignments) {
      if (this.assigned.get(pid, entry.id) !== undefined && options.reassign !== true) continue;
      this.assignNow(pid, entry, this.topLevel());
    }
  }
}
