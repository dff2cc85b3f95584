/**
 * A local AO network for tests, the in-memory front end of @tim3/local-ao (the devnet's node is the other): wallets
 * and processes exchange messages through one queue; the runtime's Scheduler assigns slots and stamps each message
 * when it assigns it, its `relay` relays a process's messages (fresh ids, From-Process, Reference) and its
 * `pushOrder` orders an outbox as dev_push pushes it. A wallet's message has From = Owner = the wallet; a process's
 * message is pushed by the authority with a From-Process tag, so the receiver sees From = the sending process.
 * Delivery runs until the network is quiet. Faults (duplicate, reordered and delayed deliveries, and an outbox pushed again) can be injected
 * with a seeded random source.
 *
 * As on AO, a message's id and timestamp say nothing about whether it was seen before:
 * - the scheduler stamps `Timestamp` when it assigns a message (here: when it is delivered), so a message delivered
 *   again carries a new, later timestamp;
 * - a process's messages are relayed signed afresh by the node, and a node can push a past slot's outbox again
 *   (`/<pid>~process@1.0/push&slot=N`): every copy gets a new id and a new timestamp (`repush`). What survives is what
 *   the sending process wrote: its tags, with `From-Process` set by the node, and aos's `Reference` (permaweb/aos
 *   process/ao.lua `ao.send`: `ao.reference = ao.reference + 1` per message sent, in the process's state, written as
 *   the `Reference` tag of the outbox item). HyperBEAM's src/dev_push.erl `do_push` pushes each message of the slot's
 *   computed outbox; `schedule_result` commits (signs) it with the node's wallet after `additional_keys` sets only
 *   data-protocol, variant, type and from-process: every other key, `reference` included, reaches the target as the
 *   sender wrote it, under a new id.
 */
import { AUTHORITY, Scheduler, newId, pushOrder, relay, repush, type Envelope, type Outbound, type ProcessRuntime } from "@tim3/local-ao";

export interface Delivered {
  envelope: Envelope;
  outbox: Outbound[];
  /** Wall time of the target's evaluation (0 when the target is a wallet, which evaluates nothing). */
  ms: number;
}

export interface FaultPlan {
  /** Probability that a process-to-process message is delivered twice. */
  duplicate: number;
  /** Probability that the next delivery is taken from a random place in the queue instead of its head. */
  reorder: number;
  /** Probability that a message is held back behind everything queued after it. */
  delay: number;
  /**
   * Probability that, after an evaluation, the outbox of a random earlier evaluation is pushed again (new ids, new
   * timestamps, same tags and Reference), as a node asked to push an old slot does. Default 0.
   */
  repush?: number;
  /**
   * Which process-to-process messages may be duplicated (default: all). A token that remembers nothing, like the aos
   * blueprint, relies on its scheduler never assigning a message twice: messages to it are left out.
   */
  mayDuplicate?: (env: Envelope) => boolean;
  /** Random source in [0, 1); seed it for reproducible runs. */
  random: () => number;
}

export interface FaultCounts {
  duplicated: number;
  reordered: number;
  delayed: number;
  repushed: number;
}

/** mulberry32: a small seeded PRNG, so a failing fuzz run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Network {
  readonly processes = new Map<string, ProcessRuntime>();
  readonly inboxes = new Map<string, Envelope[]>();
  readonly faults: FaultCounts = { duplicated: 0, reordered: 0, delayed: 0, repushed: 0 };
  delivered = 0;
  private queue: Envelope[] = [];
  /** Slots and timestamps at assignment, as HyperBEAM's scheduler gives them (@tim3/local-ao). */
  private readonly scheduler = new Scheduler({ clock: () => this.clock });
  /** Evaluations whose outbox a re-push fault may push again (process senders only, newest last, bounded). */
  private pushable: Delivered[] = [];
  /** Messages kept back by `hold`, in the order they were sent. */
  held: Envelope[] = [];
  private holdWhen: ((env: Envelope) => boolean) | undefined;
  /**
   * Watches every delivery as it happens (someone reading the scheduler); the messages it returns are queued ahead
   * of everything else, as a watcher whose message is assigned first would have them (a race against a process's
   * own outbox).
   */
  watcher: ((delivered: Delivered) => Envelope[]) | undefined;
  private clock: number;
  private plan: FaultPlan | undefined;

  /**
   * "fifo": messages are delivered in the order they were sent (breadth-first over a cascade).
   * "depth-first": a message's outbox is delivered before anything queued earlier, in the outbox's map order (keys
   * "1", "10", "11", "2", …), as a HyperBEAM node pushes (dev_push `do_push/3`, sync mode). Protocol code must be
   * right under both.
   */
  readonly order: "fifo" | "depth-first";

  constructor(options: { start?: number; faults?: FaultPlan; order?: "fifo" | "depth-first" } = {}) {
    this.clock = options.start ?? Date.UTC(2026, 0, 1);
    this.plan = options.faults;
    this.order = options.order ?? "fifo";
  }

  /** Starts (or, with undefined, stops) injecting faults from here on. */
  injectFaults(plan: FaultPlan | undefined): void {
    this.plan = plan;
  }

  now(): number {
    return this.clock;
  }

  /** Moves the network's clock forward (limits windows, staleness). */
  advance(ms: number): void {
    this.clock += ms;
  }

  add(pid: string, runtime: ProcessRuntime): void {
    this.processes.set(pid, runtime);
  }

  envelope(from: string, target: string, tags: Record<string, string>, data = "", owner = from): Envelope {
    this.clock += 1;
    const fromProcess = tags["From-Process"];
    return { id: newId(), target, from: fromProcess ?? from, owner, tags, data, timestamp: this.clock, depth: 0 };
  }

  /** A wallet sends a message; everything it causes is delivered before this returns. */
  async send(wallet: string, target: string, tags: Record<string, string>, data = ""): Promise<Delivered[]> {
    return this.sendEnvelope(this.envelope(wallet, target, tags, data));
  }

  async sendEnvelope(env: Envelope): Promise<Delivered[]> {
    this.queue.push(env);
    return this.runUntilQuiet();
  }

  /**
   * Queues a message again (a replay: same id, same signer), to be delivered by runUntilQuiet. Its scheduler stamps
   * it anew when it assigns it, so it arrives with a later timestamp than the first time.
   */
  requeue(env: Envelope): void {
    this.queue.push(env);
  }

  /**
   * A node pushes a past evaluation's outbox again (`/<pid>~process@1.0/push&slot=N`): each message is relayed signed
   * afresh (a new id), stamped anew at assignment, with the sender's tags — From-Process and aos's Reference
   * included — as it wrote them. Queued; call runUntilQuiet (or `send`) to deliver. `only` picks some of the messages.
   */
  repush(evaluation: Delivered, only: (out: Outbound) => boolean = () => true): Envelope[] {
    this.clock += 1;
    const copies = repush(evaluation.envelope, evaluation.outbox.filter(only), AUTHORITY, this.clock);
    this.queue.push(...copies);
    return copies;
  }

  /** A process's outgoing message as the node relays it (@tim3/local-ao `relay`): new id, From-Process, Reference. */
  private relay(evaluated: Envelope, out: Outbound): Envelope {
    this.clock += 1;
    return relay(evaluated, out, AUTHORITY, this.clock);
  }

  /** Enqueues without delivering (to interleave several holders' messages), then call runUntilQuiet. */
  post(wallet: string, target: string, tags: Record<string, string>, data = ""): Envelope {
    const env = this.envelope(wallet, target, tags, data);
    this.queue.push(env);
    return env;
  }

  /** A read-only evaluation (dry-run): the process's replies, nothing persisted, nothing delivered. */
  async query(wallet: string, target: string, tags: Record<string, string>, data = ""): Promise<Outbound[]> {
    const runtime = this.processes.get(target);
    if (runtime === undefined) throw new Error(`no process ${target}`);
    return runtime.dryrun(this.envelope(wallet, target, tags, data));
  }

  private takeNext(): Envelope {
    const plan = this.plan;
    if (plan !== undefined && this.queue.length > 1 && plan.random() < plan.reorder) {
      const i = Math.floor(plan.random() * this.queue.length);
      this.faults.reordered++;
      return this.queue.splice(i, 1)[0];
    }
    return this.queue.shift() as Envelope;
  }

  async runUntilQuiet(maxDeliveries = 10_000): Promise<Delivered[]> {
    const log: Delivered[] = [];
    let budget = maxDeliveries;
    while (this.queue.length > 0) {
      if (budget-- <= 0) throw new Error("network did not go quiet: a message loop?");
      const env = this.takeNext();
      if (this.holdWhen !== undefined && this.holdWhen(env)) {
        this.held.push(env);
        continue;
      }
      const plan = this.plan;
      if (plan !== undefined && env.owner === AUTHORITY && this.queue.length > 0 && plan.random() < plan.delay) {
        this.faults.delayed++;
        this.queue.push(env);
        continue;
      }
      const runtime = this.processes.get(env.target);
      if (runtime === undefined) {
        const inbox = this.inboxes.get(env.target) ?? [];
        inbox.push(env);
        this.inboxes.set(env.target, inbox);
        log.push({ envelope: env, outbox: [], ms: 0 });
        continue;
      }
      // The scheduler stamps a message when it assigns it to its target (every assignment, a message delivered again
      // included), so a process sees non-decreasing timestamps whatever the delivery order, and a replay is stamped
      // later than the first delivery. The assigned copy is what the process sees; the queued envelope stays as sent.
      const { slot, timestamp } = this.scheduler.assign(env.target);
      const assigned: Envelope = { ...env, timestamp, slot };
      const started = performance.now();
      const outbox = await runtime.handle(assigned);
      const ms = performance.now() - started;
      this.delivered++;
      const done: Delivered = { envelope: assigned, outbox, ms };
      log.push(done);
      const produced: Envelope[] = [];
      // In the order a node pushes the outbox (its map's keys as strings), which only a depth-first delivery shows.
      const keyed = outbox.map((out, i) => ({ key: (out as { key?: string }).key ?? String(i + 1), out }));
      for (const { out } of this.order === "depth-first" ? pushOrder(keyed) : keyed) {
        const next = this.relay(assigned, out);
        produced.push(next);
        if (plan !== undefined && plan.random() < plan.duplicate && (plan.mayDuplicate?.(next) ?? true)) {
          this.faults.duplicated++;
          produced.push(next);
        }
      }
      if (outbox.length > 0) {
        this.pushable.push(done);
        if (this.pushable.length > 500) this.pushable.shift();
      }
      if (plan !== undefined && (plan.repush ?? 0) > 0 && this.pushable.length > 0 && plan.random() < (plan.repush ?? 0)) {
        // A node asked to push an old slot again: the copies go where their originals went, whenever that is.
        const old = this.pushable[Math.floor(plan.random() * this.pushable.length)];
        const copies = old.outbox.map((out) => this.relay(old.envelope, out)).filter((e) => plan.mayDuplicate?.(e) ?? true);
        this.faults.repushed += copies.length;
        produced.push(...copies);
      }
      if (this.order === "depth-first") this.queue.unshift(...produced);
      else this.queue.push(...produced);
      if (this.watcher !== undefined) this.queue.unshift(...this.watcher(log[log.length - 1]));
    }
    return log;
  }

  /** Keeps back every message matching `when` (a lost or slow link) until `release`. */
  hold(when: (env: Envelope) => boolean): void {
    this.holdWhen = when;
  }

  /** Stops holding and queues what was held; call runUntilQuiet to deliver it. */
  release(): Envelope[] {
    const released = this.held;
    this.held = [];
    this.holdWhen = undefined;
    this.queue.push(...released);
    return released;
  }

  /** Messages that reached a wallet (anything not a process), oldest first. */
  inbox(wallet: string): Envelope[] {
    return this.inboxes.get(wallet) ?? [];
  }
}
