/**
 * A local AO network for tests: the in-memory front end of @tim3/local-ao's delivery engine (`LocalAo` over a
 * `MemoryLog`; the devnet's node is the other front end, over lmdb). Wallets and processes exchange messages as on a
 * HyperBEAM node (libs/local-ao/README.md lists each behaviour, the HyperBEAM function it follows and its test):
 * - a wallet's message is assigned when it is pushed (`send`, `post`, `requeue`), a process's message when it is
 *   delivered, each stamped by the target's scheduler at assignment; a process evaluates its slots in order (an
 *   earlier pending slot first);
 * - a process's outbox is relayed by the node (@tim3/local-ao `relay`: a fresh id, From-Process, aos's Reference) and
 *   delivered depth-first in the outbox's map order ("1", "10", "11", "2", …) as dev_push `do_push/3` pushes it;
 *   `order: "fifo"` (breadth-first) is a named option;
 * - a message to anything that is not a process here (a wallet) is dev_push's 404 push entry: it lands in that
 *   wallet's inbox and in the delivery log.
 * Delivery runs until the network is quiet. Faults (duplicate, reordered and delayed deliveries, and an outbox pushed
 * again) can be injected with a seeded random source.
 *
 * As on AO, a message's id and timestamp say nothing about whether it was seen before:
 * - the scheduler stamps `Timestamp` when it assigns a message, so a message delivered again (`requeue`: HyperBEAM's
 *   dev_scheduler_server `do_assign/3` does not dedupe) carries a new, later timestamp;
 * - a process's messages are relayed signed afresh by the node, and a node can push a past slot's outbox again
 *   (`/<pid>~process@1.0/push&slot=N`): every copy gets a new id and a new timestamp (`repush`). What survives is what
 *   the sending process wrote: its tags, with `From-Process` set by the node, and aos's `Reference` (permaweb/aos
 *   process/ao.lua `ao.send`: `ao.reference = ao.reference + 1` per message sent, in the process's state, written as
 *   the `Reference` tag of the outbox item). HyperBEAM's src/dev_push.erl `do_push` pushes each message of the slot's
 *   computed outbox; `schedule_result` commits (signs) it with the node's wallet after `additional_keys` sets only
 *   data-protocol, variant, type and from-process: every other key, `reference` included, reaches the target as the
 *   sender wrote it, under a new id.
 */
import { AUTHORITY, LocalAo, MemoryLog, logEntryOf, newId, resultOf, type DeliveryOrder, type Envelope, type Evaluated, type OutboxMessage, type Outbound, type ProcessRuntime } from "@tim3/local-ao";

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
  /**
   * Watches every evaluation as it happens (someone reading the scheduler); the messages it returns are pushed ahead
   * of everything queued, as a watcher whose message is assigned first would have them (a race against a process's
   * own outbox).
   */
  watcher: ((delivered: Delivered) => Envelope[]) | undefined;
  /**
   * "depth-first" (default): a message's outbox is delivered before anything queued after it, in the outbox's map
   * order (keys "1", "10", "11", "2", …), as a HyperBEAM node pushes (dev_push `do_push/3`, sync mode).
   * "fifo": each relayed message is queued after everything (breadth-first over a cascade). Protocol code must be
   * right under both.
   */
  readonly order: DeliveryOrder;
  private clock: number;
  private plan: FaultPlan | undefined;
  private readonly engine: LocalAo;
  /** Pushes, re-pushes and releases asked for since the last delivery, made in order when delivery runs. */
  private intake: (() => Promise<void>)[] = [];
  /** Evaluations whose outbox a re-push fault may push again (process senders only, newest last, bounded). */
  private pushable: Delivered[] = [];
  /** The delivery log of the running `runUntilQuiet`, and messages to wallets waiting for their sender's entry in it. */
  private log: Delivered[] = [];
  private toWallets: Envelope[] = [];

  constructor(options: { start?: number; faults?: FaultPlan; order?: DeliveryOrder } = {}) {
    this.clock = options.start ?? Date.UTC(2026, 0, 1);
    this.plan = options.faults;
    this.order = options.order ?? "depth-first";
    this.engine = new LocalAo({
      log: new MemoryLog(() => this.clock),
      hosts: (pid) => this.processes.has(pid),
      evaluate: (pid, msg) => this.evaluate(pid, msg),
      relayer: () => AUTHORITY,
      clock: () => ++this.clock,
      order: this.order,
      // A replay (`requeue`) is assigned again, as dev_scheduler_server `do_assign/3` would.
      reassign: true,
      // A Lua error is thrown to the test, its slot done (as a CU records an errored result).
      onEvaluationError: "record",
      afterEvaluation: (e) => this.evaluated(e),
      faults: {
        pick: (queued) => {
          const plan = this.plan;
          if (plan === undefined || plan.random() >= plan.reorder) return undefined;
          this.faults.reordered++;
          return Math.floor(plan.random() * queued);
        },
        delay: () => {
          const plan = this.plan;
          if (plan === undefined || plan.random() >= plan.delay) return false;
          this.faults.delayed++;
          return true;
        },
        duplicate: (relayed) => {
          const plan = this.plan;
          if (plan === undefined || plan.random() >= plan.duplicate || !(plan.mayDuplicate?.(relayed) ?? true)) return false;
          this.faults.duplicated++;
          return true;
        },
      },
    });
    this.engine.events.on("delivered", (e: Envelope) => this.toWallets.push(e));
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
    // What aos sees as From: the From-Process tag when present, else the signer (HyperBEAM dev_json_iface
    // `message_to_json_struct/2`); aos itself drops it unless its Owner is trusted.
    const fromProcess = tags["From-Process"];
    return { id: newId(), target, from: fromProcess ?? from, owner, tags, data, timestamp: this.clock, depth: 0 };
  }

  /** A wallet sends a message; everything it causes is delivered before this returns. */
  async send(wallet: string, target: string, tags: Record<string, string>, data = ""): Promise<Delivered[]> {
    return this.sendEnvelope(this.envelope(wallet, target, tags, data));
  }

  async sendEnvelope(env: Envelope): Promise<Delivered[]> {
    this.intake.push(() => this.admit(env));
    return this.runUntilQuiet();
  }

  /**
   * Pushes a message again (a replay: same id, same signer), to be delivered by runUntilQuiet. Its scheduler assigns
   * it again and stamps it anew, so it arrives with a later timestamp than the first time.
   */
  requeue(env: Envelope): void {
    this.intake.push(() => this.admit(env));
  }

  /**
   * A node pushes a past evaluation's outbox again (`/<pid>~process@1.0/push&slot=N`, @tim3/local-ao `LocalAo.repush`):
   * each message is relayed signed afresh (a new id), stamped anew at assignment, with the sender's tags —
   * From-Process and aos's Reference included — as it wrote them. Queued; call runUntilQuiet (or `send`) to deliver.
   * `only` picks some of the messages.
   */
  repush(evaluation: Delivered, only: (out: Outbound) => boolean = () => true): Envelope[] {
    const { target, slot } = evaluation.envelope;
    if (slot === undefined) throw new Error(`${evaluation.envelope.id} was not evaluated by a process: there is no outbox to push again`);
    const copies = this.engine.repushCopies(target, slot, only);
    this.intake.push(async () => void (await this.engine.queueRepush(copies)));
    return copies;
  }

  /** Enqueues without delivering (to interleave several holders' messages), then call runUntilQuiet. */
  post(wallet: string, target: string, tags: Record<string, string>, data = ""): Envelope {
    const env = this.envelope(wallet, target, tags, data);
    this.intake.push(() => this.admit(env));
    return env;
  }

  /** A read-only evaluation (dry-run): the process's replies, nothing persisted, nothing delivered. */
  async query(wallet: string, target: string, tags: Record<string, string>, data = ""): Promise<Outbound[]> {
    const runtime = this.processes.get(target);
    if (runtime === undefined) throw new Error(`no process ${target}`);
    return runtime.dryrun(this.envelope(wallet, target, tags, data));
  }

  /** A message from outside pushed: to a wallet's inbox, held, or assigned at its process now (ahead of all with `front`). */
  private async admit(env: Envelope, front = false): Promise<void> {
    if (this.engine.holding(env)) {
      this.engine.held.push(env);
      return;
    }
    if (!this.processes.has(env.target)) {
      this.toWallets.push(env);
      this.flushWallets();
      return;
    }
    await this.engine.push(env.target, logEntryOf(env), { front });
  }

  private async evaluate(pid: string, msg: Envelope): Promise<{ result: ReturnType<typeof resultOf>; outbox: OutboxMessage[] }> {
    const outbox = (await (this.processes.get(pid) as ProcessRuntime).handle(msg)).map((out, i) => ({ ...out, key: (out as { key?: string }).key ?? String(i + 1) }));
    return { result: resultOf(outbox), outbox };
  }

  /** Messages to wallets, into their inboxes and the delivery log, after the entry of the evaluation that sent them. */
  private flushWallets(): void {
    for (const env of this.toWallets) {
      const inbox = this.inboxes.get(env.target) ?? [];
      inbox.push(env);
      this.inboxes.set(env.target, inbox);
      this.log.push({ envelope: env, outbox: [], ms: 0 });
    }
    this.toWallets = [];
  }

  private async evaluated(e: Evaluated): Promise<void> {
    this.delivered++;
    const done: Delivered = { envelope: e.envelope, outbox: e.outbox, ms: e.evaluateMs };
    this.log.push(done);
    this.flushWallets();
    const plan = this.plan;
    if (e.outbox.length > 0) {
      this.pushable.push(done);
      if (this.pushable.length > 500) this.pushable.shift();
    }
    if (plan !== undefined && (plan.repush ?? 0) > 0 && this.pushable.length > 0 && plan.random() < (plan.repush ?? 0)) {
      // A node asked to push an old slot again: the copies go where their originals went, whenever that is.
      const old = this.pushable[Math.floor(plan.random() * this.pushable.length)].envelope;
      const copies = this.engine.repushCopies(old.target, old.slot as number).filter((c) => plan.mayDuplicate?.(c) ?? true);
      this.faults.repushed += copies.length;
      await this.engine.queueRepush(copies);
    }
    const watched = this.watcher?.(done) ?? [];
    // Each pushed ahead of everything: the last first, so they are delivered in the order returned.
    for (const env of [...watched].reverse()) await this.admit(env, true);
  }

  async runUntilQuiet(maxDeliveries = 10_000): Promise<Delivered[]> {
    const log: Delivered[] = [];
    this.log = log;
    const intake = this.intake;
    this.intake = [];
    for (const push of intake) await push();
    await this.engine.runUntilQuiet(maxDeliveries);
    this.flushWallets();
    return log;
  }

  /** Messages kept back by `hold`, in the order they were sent. */
  get held(): Envelope[] {
    return this.engine.held;
  }

  set held(held: Envelope[]) {
    this.engine.held = held;
  }

  /** Keeps back every message matching `when` (a lost or slow link) until `release`. */
  hold(when: (env: Envelope) => boolean): void {
    this.engine.hold(when);
  }

  /** Stops holding and hands back what was held; each is pushed (assigned) by the next runUntilQuiet. */
  release(): Envelope[] {
    const released = this.engine.takeHeld();
    this.intake.push(async () => {
      for (const env of released.filter((e) => !this.processes.has(e.target))) this.toWallets.push(env);
      this.flushWallets();
      await this.engine.assignReleased(released.filter((e) => this.processes.has(e.target)));
    });
    return released;
  }

  /** Messages that reached a wallet (anything not a process), oldest first. */
  inbox(wallet: string): Envelope[] {
    return this.inboxes.get(wallet) ?? [];
  }
}
