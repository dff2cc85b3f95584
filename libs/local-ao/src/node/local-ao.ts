/**
 * The local AO's delivery engine, written once for both front ends (libs/testing's Network over ./memory-log.ts,
 * tools/devnet's node over its lmdb NodeStore): pushes assigned as they arrive, one queue delivered in dev_push's
 * order, relayed messages assigned as they are delivered, re-push of a slot, held relays, the sync push reply.
 * Every behaviour follows HyperBEAM's code, cited where it is done; libs/local-ao/README.md lists them with their tests.
 *
 * - A wallet's message is assigned when it is pushed (dev_push `push/3` → `schedule_initial_message/3` →
 *   dev_scheduler_server `do_assign/3`), and queued as [seq].
 * - A process evaluates its messages in slot order, as HyperBEAM computes a process's schedule (dev_process
 *   `compute/3` runs every slot up to the one asked for): before a message is delivered, any earlier slot of its
 *   process still pending (a wallet's push assigned while a cascade was being pushed) is evaluated first.
 * - What an evaluation sent is relayed (../relay.ts: signed afresh, a new id) and queued unassigned under its sender's
 *   path and outbox key, so the queue's key order is dev_push `do_push/3`'s: depth-first, each outbox as its map's keys
 *   sort ("1", "10", "11", "2", …). It is assigned when it is delivered (`push_result_message/4` → `schedule_result/5`
 *   schedules it, then pushes it before the next key). `order: "fifo"` queues each relayed message as a new top-level
 *   entry instead (breadth-first: a named option for tests, not what a node does).
 * - A target this node does not host is not queued: dev_push `do_push/3` answers `{response: error, status: 404,
 *   reason: "Could not access target process!"}` for it (`pushReply`); the engine emits it as "delivered" (the test
 *   network's wallet inboxes).
 */
import { EventEmitter } from "node:events";
import { AOS_MODULE_ID } from "../aos-module";
import type { Envelope, Outbound } from "../messages";
import { compareOutboxKeys, outboxOf, pushOrder, type AoOutMessage, type OutboxMessage } from "../outbox";
import { relay } from "../relay";
import type { Assignment, LogEntry, MessageLog, PushedMessage, QueueEntry, QueuePath, StoredResult } from "./message-log";

/** A request the engine refuses, with the HTTP status a node answers it with. */
export class DeliveryRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** How relayed messages are queued: "depth-first" as a node pushes (dev_push `do_push/3`), or "fifo" (a test option). */
export type DeliveryOrder = "depth-first" | "fifo";

/** What a hosted process's evaluation gave: its result as a CU serves it, and its outbox under HyperBEAM's keys. */
export interface Evaluation {
  result: StoredResult;
  outbox: OutboxMessage[];
}

/** One message evaluated (the "evaluated" event). */
export interface Evaluated {
  pid: string;
  slot: number;
  /** The message as the process saw it: stamped and with its slot. */
  envelope: Envelope;
  outbox: OutboxMessage[];
  result: StoredResult;
  /** Time inside the process, and committing its effects to the log. */
  evaluateMs: number;
  commitMs: number;
}

/** Faults a test network injects, asked at each step (all optional; none by default). */
export interface DeliveryFaults {
  /** Which queued entry to deliver next, of `queued` (> 1); undefined: the first. */
  pick?(queued: number): number | undefined;
  /** Whether this not yet assigned message goes behind everything queued instead. */
  delay?(next: Envelope): boolean;
  /** Whether this relayed message is queued twice. */
  duplicate?(relayed: Envelope): boolean;
}

export interface LocalAoOptions {
  log: MessageLog;
  /** Whether a process is hosted here (anything else is an unrouted target). */
  hosts(pid: string): boolean;
  /** Evaluates one message at a hosted process. */
  evaluate(pid: string, msg: Envelope): Promise<Evaluation>;
  /** The key that signs (is the Owner of) what `pid` sends. */
  relayer(pid: string): string;
  /** When a relayed message is sent (its timestamp until its target's scheduler stamps it). */
  clock(): number;
  /**
   * Signs a relayed message and answers its id (a devnet signer: an ANS-104 data item under the node's key). Default:
   * the fresh random id ../relay.ts gave it. Awaited before the evaluation that sent it is committed.
   */
  signRelay?: (relayed: Envelope) => Promise<string>;
  /** Default "depth-first", as a node pushes. */
  order?: DeliveryOrder;
  /**
   * Whether a message already assigned to a process may be assigned to it again (a replay). HyperBEAM's
   * dev_scheduler_server `do_assign/3` does not dedupe; the devnet refuses (stricter), the test network allows it.
   */
  reassign?: boolean;
  /**
   * When `evaluate` throws: "keep" leaves the message queued (the devnet: an infrastructure failure, retried on the
   * next start); "record" commits an error result for its slot and sends nothing, then throws (a test hears of it).
   */
  onEvaluationError?: "keep" | "record";
  /** Awaited after each evaluation is committed (a checkpoint, a test's watcher). */
  afterEvaluation?: (e: Evaluated) => Promise<void> | void;
  faults?: DeliveryFaults;
}

/** A log entry as a process is given it. */
export function envelopeOf(pid: string, e: LogEntry, slot?: number): Envelope {
  const env: Envelope = { id: e.id, target: pid, from: e.from, owner: e.owner, tags: e.tags, data: e.data, timestamp: e.timestamp, depth: e.depth ?? 0 };
  if (e.parent !== undefined) env.parent = e.parent;
  if (slot !== undefined) env.slot = slot;
  return env;
}

/** An envelope as the log keeps it. */
export function logEntryOf(e: Envelope): LogEntry {
  const entry: LogEntry = { id: e.id, from: e.from, owner: e.owner, tags: e.tags, data: e.data, timestamp: e.timestamp };
  if (e.parent !== undefined) entry.parent = e.parent;
  if (e.depth > 0) entry.depth = e.depth;
  return entry;
}

/**
 * A result as a CU serves it, for an outbox: what a dry-run answers (`/as=execution/compute`: `{Messages, Spawns,
 * Assignments, Output}`) and what the test network records for an evaluation. A gap in the keys (a target-less
 * message) is kept as a message with no Target, so `outboxOf` gives the same keys back.
 */
export function resultOf(outbox: readonly Outbound[], output: unknown = {}): StoredResult {
  const keyed = outbox.map((o, i) => ({ key: (o as { key?: string }).key ?? String(i + 1), o }));
  keyed.sort((a, b) => Number(a.key) - Number(b.key));
  const messages: unknown[] = [];
  for (const { key, o } of keyed) {
    while (messages.length + 1 < Number(key)) messages.push({ Tags: [] });
    const tags = Object.entries(o.tags).map(([name, value]) => ({ name, value }));
    if (o.reference !== undefined) tags.push({ name: "Reference", value: o.reference });
    messages.push({ Target: o.target, Tags: tags, Data: o.data });
  }
  return { Messages: messages, Spawns: [], Assignments: [], Output: output };
}

/**
 * A spawn as this node accepts it. HyperBEAM's dev_push `push/3` schedules any `Type = Process` message; the local AO
 * is stricter: an Authority tag is required (without one aos trusts every sender's From-Process), the Module must be
 * the aos module it runs, and a Scheduler tag must name this node.
 */
export function checkSpawn(tags: Record<string, string>, node: { scheduler: string; module?: string }): void {
  if (tags.Type !== "Process") throw new DeliveryRefused(400, "a spawn must be a data item with Type = Process");
  if (!tags.Authority) {
    throw new DeliveryRefused(400, `spawn refused: no Authority tag (aos would then trust every sender's From-Process); set Authority to this node's address ${node.scheduler}`);
  }
  const module = node.module ?? AOS_MODULE_ID;
  if (tags.Module !== module) throw new DeliveryRefused(400, `spawn refused: unknown Module ${tags.Module ?? "(none)"}; this devnet runs ${module}`);
  if (tags.Scheduler !== undefined && tags.Scheduler !== node.scheduler) {
    throw new DeliveryRefused(400, `spawn refused: Scheduler ${tags.Scheduler} is not this node (${node.scheduler})`);
  }
}

/** The outbox of a stored result, under its keys (dev_json_iface `json_to_message/2`). */
function outboxOfResult(result: StoredResult): OutboxMessage[] {
  return outboxOf(result as { Messages?: AoOutMessage[] });
}

export class LocalAo {
  readonly log: MessageLog;
  /** "evaluated" (Evaluated), `evaluated:<pid>:<slot>`, "delivered" (an Envelope to a target not hosted here). */
  readonly events = new EventEmitter();
  readonly order: DeliveryOrder;
  /** Messages kept back by `hold`, in the order they were sent; `release` pushes them. */
  held: Envelope[] = [];
  private holdWhen: ((env: Envelope) => boolean) | undefined;
  private closed = false;

  constructor(private readonly options: LocalAoOptions) {
    this.log = options.log;
    this.order = options.order ?? "depth-first";
    this.events.setMaxListeners(0);
  }

  /** Stops: waits end with 503. */
  close(): void {
    this.closed = true;
  }

  /**
   * A message from outside (a wallet's push) assigned now and queued. Refused (409) when this process has it already
   * and `reassign` is off, or when the same signed item went to another process; 404 when no process is hosted there.
   * `front`: ahead of everything queued (a test's watcher).
   */
  async push(pid: string, entry: LogEntry, options: { front?: boolean } = {}): Promise<{ slot: number; seq: number }> {
    if (!this.options.hosts(pid)) throw new DeliveryRefused(404, `no process ${pid} on this node`);
    const { slot, path, duplicate, elsewhere } = await this.log.assign(pid, entry, { front: options.front, reassign: this.options.reassign });
    if (elsewhere !== undefined) throw assignedElsewhere(entry.id, elsewhere);
    if (duplicate) throw new DeliveryRefused(409, `message ${entry.id} is already assigned to ${pid} (slot ${slot}); it is never assigned twice`);
    return { slot, seq: path[0] as number };
  }

  /** Whether a hold is on and `env` matches it. */
  holding(env: Envelope): boolean {
    return this.holdWhen !== undefined && this.holdWhen(env);
  }

  /** Keeps back every message matching `when` (relayed ones as they are sent) until `release`; undefined: holds nothing more. */
  hold(when: ((env: Envelope) => boolean) | undefined): void {
    this.holdWhen = when;
  }

  /** Stops holding and hands back what was held, without pushing it yet (`assignReleased` does). */
  takeHeld(): Envelope[] {
    const out = this.held;
    this.held = [];
    this.holdWhen = undefined;
    return out;
  }

  /** Held messages pushed now, each assigned at its target as it is pushed and queued after everything. */
  async assignReleased(released: readonly Envelope[]): Promise<void> {
    if (released.length === 0) return;
    await this.log.assignReleased(released.map((e) => ({ pid: e.target, entry: logEntryOf(e) })), { reassign: this.options.reassign });
  }

  /** Stops holding and pushes what was held. */
  async release(): Promise<Envelope[]> {
    const released = this.takeHeld();
    await this.assignReleased(released);
    return released;
  }

  /**
   * Delivers the next queued message (with any earlier pending slot of its process first). False when nothing is
   * queued.
   */
  async deliverNext(): Promise<boolean> {
    const length = this.log.queueLength();
    if (length === 0) return false;
    const index = length > 1 ? this.options.faults?.pick?.(length) : undefined;
    const next = index === undefined ? this.log.firstQueued() : this.log.queuedAt(index);
    if (next === undefined) return false;
    const { path, item } = next;
    if (item.slot === undefined && length > 1 && this.options.faults?.delay?.(envelopeOf(item.pid, item.entry as LogEntry)) === true) {
      await this.log.moveToEnd(path);
      return true;
    }
    await this.evaluateQueued(path, item);
    return true;
  }

  /** Delivers until nothing is queued; throws past `maxDeliveries` (a message loop). */
  async runUntilQuiet(maxDeliveries = 10_000): Promise<void> {
    let budget = maxDeliveries;
    while (this.log.queueLength() > 0) {
      if (budget-- <= 0) throw new Error("network did not go quiet: a message loop?");
      await this.deliverNext();
    }
  }

  /**
   * A process evaluates its messages in slot order: first any earlier slot still pending, then this one. A relayed
   * message is assigned here, as it is delivered, so its slot and timestamp follow the push order.
   */
  private async evaluateQueued(path: QueuePath, item: QueueEntry): Promise<void> {
    const pid = item.pid;
    if (!this.options.hosts(pid)) throw new Error(`queued message for ${pid}, which this node does not host`);
    for (const pending of this.log.pendingSlots(pid)) {
      if (item.slot !== undefined && pending.slot >= item.slot) break;
      await this.evaluateSlot(pending.path, pid, pending.slot);
    }
    if (item.slot !== undefined) {
      if (this.log.result(pid, item.slot) === undefined) await this.evaluateSlot(path, pid, item.slot);
      return;
    }
    const assigned = this.log.assignDelivery(pid);
    try {
      await this.evaluateSlot(path, pid, assigned.slot, { ...(item.entry as LogEntry), timestamp: assigned.timestamp });
    } catch (e) {
      // Given back unless its failure was recorded as its result (`onEvaluationError: "record"`).
      if (this.log.result(pid, assigned.slot) === undefined) assigned.undo();
      throw e;
    }
  }

  /** Evaluates `slot` of `pid` and commits its result and what it sent (`delivered`: its entry, assigned just now). */
  private async evaluateSlot(path: QueuePath, pid: string, slot: number, delivered?: LogEntry): Promise<void> {
    const entry = delivered ?? this.log.entry(pid, slot);
    if (entry === undefined) throw new Error(`queued ${pid}#${slot} has no log entry`);
    const envelope = envelopeOf(pid, entry, slot);
    const t0 = process.hrtime.bigint();
    let evaluation: Evaluation;
    try {
      evaluation = await this.options.evaluate(pid, envelope);
    } catch (e) {
      if (this.options.onEvaluationError !== "record") throw e;
      await this.log.commitEvaluation(path, pid, slot, { ...resultOf([]), Error: e instanceof Error ? e.message : String(e) }, [], [], delivered);
      throw e;
    }
    const t1 = process.hrtime.bigint();
    const { sent, pushed } = await this.route(this.relayCopies(envelope, evaluation.outbox));
    await this.log.commitEvaluation(path, pid, slot, evaluation.result, sent, pushed, delivered);
    const done: Evaluated = {
      pid, slot, envelope, outbox: evaluation.outbox, result: evaluation.result,
      evaluateMs: Number(t1 - t0) / 1e6, commitMs: Number(process.hrtime.bigint() - t1) / 1e6,
    };
    this.events.emit(`evaluated:${pid}:${slot}`, done);
    this.events.emit("evaluated", done);
    await this.options.afterEvaluation?.(done);
  }

  /**
   * Relayed copies routed, in push order (../relay.ts made them: signed afresh, a fresh id every time, From-Process =
   * the sender, its Reference kept), each under its outbox key. A held message is kept back; a target not hosted here
   * is recorded as unrouted (dev_push's 404 entry) and emitted as "delivered".
   */
  private async route(copies: readonly Envelope[]): Promise<{ sent: Assignment[]; pushed: PushedMessage[] }> {
    const sent: Assignment[] = [];
    const pushed: PushedMessage[] = [];
    const depthFirst = this.order === "depth-first";
    for (const [i, r] of copies.entries()) {
      const key = outboxKeys.get(r) ?? String(i + 1);
      if (this.options.signRelay !== undefined) r.id = await this.options.signRelay(r);
      if (this.holding(r)) {
        this.held.push(r);
        continue;
      }
      if (!this.options.hosts(r.target)) {
        pushed.push({ key, target: r.target, id: r.id, unrouted: true });
        this.events.emit("delivered", r);
        continue;
      }
      sent.push({ pid: r.target, entry: logEntryOf(r), outboxKey: key, under: depthFirst ? key : undefined });
      pushed.push({ key, target: r.target, id: r.id });
      // The copy goes right after the original's cascade ("1" < "1+" < "10": '+' sorts before the digits).
      if (this.options.faults?.duplicate?.(r) === true) sent.push({ pid: r.target, entry: logEntryOf(r), outboxKey: key, under: depthFirst ? `${key}+` : undefined });
    }
    return { sent, pushed };
  }

  /**
   * What `sender` sent, relayed (fresh ids, sent now), in the order it is pushed: the outbox's key order depth-first,
   * its emission order fifo.
   */
  relayCopies(sender: Envelope, outbox: readonly OutboxMessage[]): Envelope[] {
    const ordered = this.order === "depth-first" ? pushOrder(outbox) : [...outbox].sort((a, b) => Number(a.key) - Number(b.key) || compareOutboxKeys(a.key, b.key));
    const signer = this.options.relayer(sender.target);
    return ordered.map((out) => {
      const r = relay(sender, out, signer, this.options.clock());
      outboxKeys.set(r, out.key);
      return r;
    });
  }

  /**
   * Slot `slot`'s outbox relayed anew, as dev_push `push/3` with a `slot` pushes it ("push either a message or an
   * assigned slot number"): new ids, sent now, the same tags, From-Process and Reference; `only` picks some. Not queued
   * yet (`queueRepush`). The slot must be evaluated.
   */
  repushCopies(pid: string, slot: number, only: (out: OutboxMessage) => boolean = () => true): Envelope[] {
    const result = this.log.result(pid, slot);
    const entry = this.log.entry(pid, slot);
    if (result === undefined || entry === undefined) throw new DeliveryRefused(404, `slot ${slot} of ${pid} is not evaluated`);
    return this.relayCopies(envelopeOf(pid, entry, slot), outboxOfResult(result).filter(only));
  }

  /** Re-pushed copies queued as a cascade of their own, [seq, key], after everything queued; answers seq and what was pushed. */
  async queueRepush(copies: Envelope[]): Promise<{ seq: number; pushed: PushedMessage[] }> {
    const { sent, pushed } = await this.route(copies);
    const { seq } = await this.log.assignRepush(sent);
    return { seq, pushed };
  }

  /** `repushCopies` then `queueRepush`. */
  async repush(pid: string, slot: number, only?: (out: OutboxMessage) => boolean): Promise<{ seq: number; pushed: PushedMessage[]; copies: Envelope[] }> {
    const copies = this.repushCopies(pid, slot, only);
    return { ...(await this.queueRepush(copies)), copies };
  }

  /** Resolves once nothing queued descends from the top-level entry [seq] (a push's cascade is computed). */
  async waitForCascade(seq: number, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.log.cascadeQueued(seq)) {
      if (this.closed) throw new DeliveryRefused(503, "the node is stopping");
      if (Date.now() > deadline) throw new DeliveryRefused(504, `the push did not finish computing within ${timeoutMs} ms`);
      await this.nextEvent("evaluated");
    }
  }

  /** The result of a slot; waits (up to `timeoutMs`) while it is assigned and not yet evaluated. */
  async waitForResult(pid: string, slot: number, timeoutMs = 30_000): Promise<StoredResult> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = this.log.result(pid, slot);
      if (r) return r;
      if (Date.now() > deadline) throw new DeliveryRefused(504, `slot ${slot} of ${pid} is not evaluated yet`);
      await this.nextEvent(`evaluated:${pid}:${slot}`);
    }
  }

  /** The next `event`, or 250 ms (a commit another path made visible without an event). */
  private nextEvent(event: string): Promise<void> {
    return new Promise<void>((ok) => {
      const done = () => {
        clearTimeout(t);
        this.events.off(event, done);
        ok();
      };
      const t = setTimeout(done, 250);
      this.events.once(event, done);
    });
  }

  /**
   * The sync push reply, as dev_push `do_push/3` builds it: the slot's result when `depth` > 0 (`result-depth`,
   * default 1: the first message's result in full, only the tree below it), `slot`, `process`, and under each outbox
   * key what `push_result_message/4` returns: `id` (of the relayed message), `target`, `slot` and `resulted-in` (that
   * message's own push reply, one level shallower); a target this node does not host is dev_push's 404 entry.
   */
  pushReply(pid: string, slot: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (depth > 0) out.raw = this.log.result(pid, slot);
    for (const p of this.log.pushed(pid, slot)) out[p.key] = this.pushedEntry(p, depth - 1);
    out.slot = slot;
    out.process = pid;
    return out;
  }

  /** A re-push's reply (dev_push `push/3` with a slot, then `do_push/3`): the slot's result and each re-pushed message. */
  repushReply(pid: string, slot: number, pushed: readonly PushedMessage[]): Record<string, unknown> {
    const out: Record<string, unknown> = { raw: this.log.result(pid, slot) };
    for (const p of pushed) out[p.key] = this.pushedEntry(p, 0);
    out.slot = slot;
    out.process = pid;
    return out;
  }

  /** One pushed message in a push reply (dev_push `push_result_message/4`): where it went and what it resulted in. */
  private pushedEntry(p: PushedMessage, depth: number): Record<string, unknown> {
    if (p.unrouted === true || !this.options.hosts(p.target)) return { response: "error", status: 404, target: p.target, reason: "Could not access target process!" };
    // Assigned when it was delivered: its slot is looked up by its id.
    const slot = p.slot ?? this.log.slotOf(p.target, p.id);
    if (slot === undefined) return { id: p.id, target: p.target };
    return { id: p.id, target: p.target, slot, "resulted-in": this.pushReply(p.target, slot, depth) };
  }
}

/** The outbox key each relayed copy was made from (`relayCopies` → `queueRepush`). */
const outboxKeys = new WeakMap<Envelope, string>();

function assignedElsewhere(id: string, pid: string): DeliveryRefused {
  return new DeliveryRefused(409, `message ${id} is already assigned to ${pid}; a signed item goes to one process, never to another process`);
}
