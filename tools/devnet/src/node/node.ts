/**
 * The devnet node: the HTTP front end of TIM3's local AO (@tim3/local-ao: the real aos module through ao-loader with
 * the heap kept live, patch@1.0 state, the scheduler's slots and timestamps, relaying with fresh ids, dev_push's
 * outbox order) behind AO's rules, with its log in lmdb (./store.ts).
 *
 * Trust, as on AO mainnet:
 *  - a wallet's message is evaluated with Owner = From = its signer; a `From-Process` tag on it counts for nothing;
 *  - only messages this node relays from a process's outbox carry Owner = the node's address and From = the process,
 *    and the node's address is the Authority processes are spawned with (aoconnect defaults Authority to the
 *    scheduler, which is this node);
 *  - every data item's signature is verified (./data-item.ts); a message already assigned to a process is never
 *    assigned to it again; a spawn without an Authority tag is refused (aos would trust every sender).
 */
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { AOS_MODULE_ID, AosProcess, encodeState, isPatchMessage, outboxOf, relay, type AoOutMessage, type AoResult, type EncodedState, type Envelope } from "@tim3/local-ao";
import { HttpError, tagsToRecord, type SignedItem } from "./data-item";
import { RelayHold } from "./relay-hold";
import { assertRelayable, relaySigner } from "./relay-authority";
import { NodeStore, type Assignment, type LogEntry, type PushedMessage, type QueueEntry, type QueuePath, type StoredResult } from "./store";

/**
 * How a push is answered (HyperBEAM dev_push `push/3`, `push_with_mode/3`, `is_async/3`: the request's `push-mode`,
 * else the process's, default "sync"). "sync": the node evaluates the message and pushes its outbox depth-first
 * before it replies with the result. "async": the devnet's earlier behaviour, kept as a named option: the reply
 * (slot and process) comes at once and the cascade runs after it.
 */
export type PushMode = "sync" | "async";

/**
 * A node that charges (HyperBEAM dev_p4 `request/3` with a ledger: a message from a signer without enough credit is
 * refused before it is scheduled). Each push or spawn costs `price`; `credit` is each address's starting balance at
 * `ledger~node-process@1.0`. The node's own relays are not charged (they are not requests to it).
 */
interface ChargingOptions {
  price: number;
  credit?: Record<string, number>;
}

/** dev_p4's refusal: HTTP 402 with `Insufficient funds`, the price and the signer's balance. */
export class PaymentRequired extends HttpError {
  constructor(
    readonly price: number,
    readonly balance: number,
  ) {
    super(402, "Insufficient funds");
  }
}

export interface NodeOptions {
  dataDir: string;
  /** The node's address: the scheduler and the Authority its processes trust. */
  address: string;
  /** Heap checkpoint after this many evaluations of a process (restart = checkpoint + replay of the rest). */
  checkpointEvery?: number;
  /** Waits this long before each queued delivery (tests widen the window a crash can fall into). */
  deliveryDelayMs?: number;
  /** How pushes are answered when the request names no `push-mode` (default "sync", as dev_push). */
  pushMode?: PushMode;
  /** Charge for pushes and spawns (off by default). */
  charging?: ChargingOptions;
  /** Serve the fault routes (./relay-hold.ts: relayed messages held back until released); off by default. */
  faults?: boolean;
  /** A second authority: the address that relays what Variant ao.TN.1 processes send (./relay-authority.ts). */
  legacyRelay?: string;
  /** Signs a relayed message and answers its id (./relay-signature.ts); default: the fresh random id `relay` gave it. */
  signRelay?: (relayed: Envelope) => Promise<string>;
  log?: (line: string) => void;
}

export interface NodeStats {
  address: string;
  processes: number;
  evaluated: number;
  queued: number;
  /** Dry-runs served, per process id. */
  dryruns: Record<string, number>;
  /** State reads (GETs of `/now/…` or `/compute/…`) served, per process id, found or not: tests count round trips. */
  stateReads: Record<string, number>;
  replayedOnStart: number;
  startMs: number;
  /** Since start: time inside the aos module evaluating queued messages, and committing their results to lmdb (bench). */
  evaluateMs: number;
  commitMs: number;
}

function toEnvelope(pid: string, e: LogEntry) {
  return { id: e.id, target: pid, from: e.from, owner: e.owner, tags: e.tags, data: e.data, timestamp: e.timestamp, depth: 0 };
}

/** What a CU serves as a result: the outbox (exposure messages are the node's, not the caller's), output and error. */
function toStored(r: AoResult): StoredResult {
  const messages = (r.Messages ?? []).filter((m) => !isPatchMessage(m)).map((m) => ({
    Target: m.Target,
    Anchor: m.Anchor,
    Tags: m.Tags.map((t) => ({ name: t.name, value: typeof t.value === "string" ? t.value : JSON.stringify(t.value) })),
    Data: typeof m.Data === "string" ? m.Data : m.Data === undefined ? "" : JSON.stringify(m.Data),
  }));
  const out: StoredResult = { Messages: messages, Spawns: r.Spawns ?? [], Assignments: r.Assignments ?? [], Output: r.Output ?? {} };
  if (r.Error !== undefined && r.Error !== null && r.Error !== "") out.Error = r.Error;
  return out;
}

/** Distinct paths kept encoded per process; past it the map starts over (it only saves work, it holds no truth). */
const MAX_ENCODED_PER_PROCESS = 10_000;

function assignedElsewhere(id: string, pid: string): HttpError {
  return new HttpError(409, `message ${id} is already assigned to ${pid}; a signed item goes to one process, never to another process`);
}

/** A relayed message as the log keeps it (its timestamp is stamped when the store assigns it). */
function toLogEntry(e: Envelope): LogEntry {
  return { id: e.id, from: e.from, owner: e.owner, tags: e.tags, data: e.data, timestamp: e.timestamp, parent: e.parent };
}

export class DevnetNode {
  readonly store: NodeStore;
  readonly address: string;
  private readonly procs = new Map<string, AosProcess>();
  private readonly events = new EventEmitter();
  private chain: Promise<unknown> = Promise.resolve();
  private running = false;
  private closed = false;
  private sinceCheckpoint = new Map<string, number>();
  private readonly dryruns = new Map<string, number>();
  private readonly stateReads = new Map<string, number>();
  /** Per process, the last slot evaluated: `/now/` reads of a process already this far answer at once. */
  private readonly evaluatedUpTo = new Map<string, number>();
  /**
   * Per process, exposed values already encoded for HTTP (path + codec → body, or null for nothing there): a read of a
   * state that has not changed since it was last served is a map lookup, not a walk and a JSON.stringify. Dropped
   * whenever the process evaluates a message.
   */
  private readonly encoded = new Map<string, Map<string, EncodedState | null>>();
  private evaluatedCount = 0;
  /** Where evaluations spend their time (hrtime: ao-loader replaces Date.now and performance.now in this process). */
  private readonly spent = { evaluateMs: 0, commitMs: 0 };
  /** Credit per address at the node's ledger (charging nodes only). */
  private readonly credit = new Map<string, number>();
  private replayed = 0;
  private startMs = 0;
  private lastTimestamp = 0;
  /** Relayed messages kept back (`faults` only; ./relay-hold.ts). */
  readonly relayHold = new RelayHold();

  private constructor(private readonly options: NodeOptions) {
    this.store = new NodeStore(`${options.dataDir}/node.lmdb`);
    this.address = options.address;
    this.events.setMaxListeners(0);
    for (const [address, amount] of Object.entries(options.charging?.credit ?? {})) this.credit.set(address, amount);
  }

  /** Opens the log, rebuilds every process (last checkpoint + replay), then finishes what was queued at the crash. */
  static async open(options: NodeOptions): Promise<DevnetNode> {
    const node = new DevnetNode(options);
    const t0 = Date.now();
    for (const proc of node.store.processes()) {
      // A heap only runs in the module that made it (the default moved from the wasm32 build to mainnet's wasm64).
      if (proc.tags.Module !== AOS_MODULE_ID) {
        throw new Error(
          `${options.dataDir} holds process ${proc.pid}, spawned with the aos module ${proc.tags.Module}; this devnet runs ` +
            `${AOS_MODULE_ID}: start it clean (devnet up --reset, or remove the data dir)`,
        );
      }
      const ckpt = node.store.checkpoint(proc.pid);
      let p: AosProcess;
      let after: number;
      if (ckpt) {
        p = await AosProcess.restore({ pid: proc.pid, owner: proc.owner, spawnTags: proc.tags, ...ckpt });
        after = ckpt.slot;
      } else {
        p = await AosProcess.spawn({ pid: proc.pid, owner: proc.owner, tags: proc.tags, timestamp: proc.timestamp });
        after = 0;
      }
      let upTo = after;
      for (const { slot, entry } of node.store.evaluatedAfter(proc.pid, after)) {
        await p.evaluate(toEnvelope(proc.pid, entry));
        node.replayed++;
        upTo = slot;
      }
      node.procs.set(proc.pid, p);
      node.evaluatedUpTo.set(proc.pid, upTo);
    }
    node.startMs = Date.now() - t0;
    node.kick();
    return node;
  }

  /** Runs `fn` alone: evaluations, dry-runs and spawns never overlap (one aos instance is not re-entrant). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private now(): number {
    this.lastTimestamp = Math.max(Date.now(), this.lastTimestamp + 1);
    return this.lastTimestamp;
  }

  has(pid: string): boolean {
    return this.procs.has(pid);
  }

  async spawn(item: SignedItem): Promise<string> {
    const tags = tagsToRecord(item.tags);
    if (tags.Type !== "Process") throw new HttpError(400, "a spawn must be a data item with Type = Process");
    if (!tags.Authority) {
      throw new HttpError(400, "spawn refused: no Authority tag (aos would then trust every sender's From-Process); set Authority to this node's address " + this.address);
    }
    if (tags.Module !== AOS_MODULE_ID) throw new HttpError(400, `spawn refused: unknown Module ${tags.Module ?? "(none)"}; this devnet runs ${AOS_MODULE_ID}`);
    if (tags.Scheduler !== undefined && tags.Scheduler !== this.address) {
      throw new HttpError(400, `spawn refused: Scheduler ${tags.Scheduler} is not this node (${this.address})`);
    }
    if (this.procs.has(item.id) || this.store.process(item.id)) throw new HttpError(409, `process ${item.id} already exists`);
    assertRelayable(tags, this.options.legacyRelay);
    this.charge(item.owner);
    return this.serial(async () => {
      const timestamp = this.now();
      const p = await AosProcess.spawn({ pid: item.id, owner: item.owner, tags, timestamp });
      const entry: LogEntry = { id: item.id, from: item.owner, owner: item.owner, tags, data: item.data, timestamp };
      await this.store.recordSpawn({ pid: item.id, owner: item.owner, tags, timestamp }, entry, { Messages: [], Spawns: [], Assignments: [], Output: {} });
      this.procs.set(item.id, p);
      this.evaluatedUpTo.set(item.id, 0);
      this.options.log?.(`spawned ${item.id} for ${item.owner}`);
      return item.id;
    });
  }

  /**
   * A wallet's message to a process: verified by the caller, charged for (charging nodes), assigned once, evaluated
   * in order. Answered as dev_push `push/3` answers: in "sync" mode once the message and everything it caused are
   * evaluated, with the result, `slot` and `process` and, per outbox key, what was pushed (`pushReply`); in "async"
   * mode at once with `slot` and `process`. Never the pushed item's id: the signer knows it.
   */
  async push(pid: string, item: SignedItem): Promise<Record<string, unknown>> {
    if (!this.procs.has(pid)) throw new HttpError(404, `no process ${pid} on this node`);
    // Which process a signed item is for. HyperBEAM dev_scheduler `post_schedule/3` schedules an item on its signed
    // `target`, and only a target-less one on the URL's process (`find_target_id/3`); dev_push `push/3` then computes
    // the URL's process. A foreign target is refused here (stricter: HyperBEAM would schedule it on the other process
    // and compute this one), and a target-less item is assigned to the first process it reaches and to no other
    // (stricter: HyperBEAM keeps no such record, so the same bytes would be evaluated by every process they are pushed to).
    if (item.target !== "" && item.target !== pid) {
      throw new HttpError(400, `the data item's signed target ${item.target} is not the process ${pid} it was pushed to: push it to its target`);
    }
    const tags = tagsToRecord(item.tags);
    const mode = this.pushModeOf(item);
    // Refused before it is charged for (checked again, atomically, where it is assigned).
    const taken = this.store.itemProcess(item.id);
    if (taken !== undefined && taken !== pid) throw assignedElsewhere(item.id, taken);
    this.charge(item.owner);
    // From-Process on a wallet's own message is a claim, not a fact: From is the signer.
    // Its timestamp is stamped when the store assigns it (the scheduler's clock then).
    const entry: LogEntry = { id: item.id, from: item.owner, owner: item.owner, tags, data: item.data, timestamp: Date.now() };
    const { slot, duplicate, path, elsewhere } = await this.store.assign(pid, entry);
    if (elsewhere !== undefined) throw assignedElsewhere(item.id, elsewhere);
    if (duplicate) throw new HttpError(409, `message ${item.id} is already assigned to ${pid} (slot ${slot}); it is never assigned twice`);
    this.kick();
    if (mode === "async") return { slot, process: pid };
    await this.cascade(path[0] as number);
    return this.pushReply(pid, slot, 1);
  }

  /**
   * `/<pid>~process@1.0/push&slot=N`: slot N's outbox pushed again, as HyperBEAM's dev_push `push/3` does when the
   * request names a `slot` ("push either a message or an assigned slot number"): the slot's computed result is read
   * (waiting while it is queued), and every message of its outbox is relayed anew (`relayOutbox`: signed afresh, so
   * NEW ids; stamped when their targets' schedulers assign them, so NEW timestamps; the same tags, From-Process and
   * Reference), assigned and pushed depth-first in the outbox's key order. Nothing is evaluated at `pid` itself.
   * Answered like a push: with `push-mode` sync once the cascade is computed, `{ raw, slot, process, "1": { id,
   * target, slot, resulted-in }, … }`; async at once, `{ slot, process }`.
   */
  async repush(pid: string, slot: number, item: SignedItem): Promise<Record<string, unknown>> {
    if (!this.procs.has(pid)) throw new HttpError(404, `no process ${pid} on this node`);
    if (!Number.isSafeInteger(slot) || slot < 1 || slot >= this.store.nextSlot(pid)) throw new HttpError(404, `no slot ${slot} assigned to ${pid}`);
    const mode = this.pushModeOf(item);
    this.charge(item.owner);
    const result = await this.result(pid, String(slot));
    const entry = this.store.entry(pid, slot) as LogEntry;
    const { sent, unrouted } = await this.relayOutbox({ target: pid, id: entry.id, depth: 0 }, outboxOf(result as { Messages?: AoOutMessage[] }));
    const { seq, pushed } = await this.store.assignRepush(sent, unrouted);
    this.kick();
    if (mode === "async") return { slot, process: pid };
    await this.cascade(seq);
    const out: Record<string, unknown> = { raw: result };
    for (const p of pushed) out[p.key] = this.pushedEntry(p, 0);
    out.slot = slot;
    out.process = pid;
    return out;
  }

  /** The request's `push-mode` (dev_push `is_async/3`), else the node's. */
  private pushModeOf(item: SignedItem): PushMode {
    const requested = item.tags.find((t) => t.name.toLowerCase() === "push-mode")?.value;
    if (requested !== undefined && requested !== "sync" && requested !== "async") throw new HttpError(400, `push-mode must be sync or async, not ${requested}`);
    return (requested as PushMode | undefined) ?? this.options.pushMode ?? "sync";
  }

  /** Takes `price` from the signer's credit, or refuses as dev_p4 does (charging nodes only). */
  private charge(address: string): void {
    const charging = this.options.charging;
    if (charging === undefined) return;
    const balance = this.credit.get(address) ?? 0;
    if (balance < charging.price) throw new PaymentRequired(charging.price, balance);
    this.credit.set(address, balance - charging.price);
  }

  /** An address's credit at the node's ledger (`/ledger~node-process@1.0/now/balance/<address>`); undefined when the node does not charge. */
  creditOf(address: string): number | undefined {
    return this.options.charging === undefined ? undefined : (this.credit.get(address) ?? 0);
  }

  /** The price of one push or spawn on a charging node (as a HyperBEAM node's `simple_pay_price`); undefined when it does not charge. */
  get price(): number | undefined {
    return this.options.charging?.price;
  }

  /** Adds credit (the devnet's stand-in for a top-up through the node's ledger process). */
  topUp(address: string, amount: number): number {
    const balance = (this.credit.get(address) ?? 0) + amount;
    this.credit.set(address, balance);
    return balance;
  }

  /** Resolves once the wallet message queued as [seq] and every message it caused are evaluated. */
  private async cascade(seq: number, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.store.cascadeQueued(seq)) {
      if (this.closed) throw new HttpError(503, "the node is stopping");
      if (Date.now() > deadline) throw new HttpError(504, `the push did not finish computing within ${timeoutMs} ms`);
      await new Promise<void>((ok) => {
        const t = setTimeout(ok, 250);
        this.events.once("evaluated", () => {
          clearTimeout(t);
          ok();
        });
      });
    }
  }

  /**
   * The sync push reply, as dev_push `do_push/3` builds it: the slot's result when `depth` > 0 (`result-depth`,
   * default 1: the first message's result in full, only the tree below it), `slot`, `process`, and under each outbox
   * key what `push_result_message/4` returns: `id` (of the relayed message), `target`, `slot` and `resulted-in` (that
   * message's own push reply, one level shallower); a target this node does not host is dev_push's 404 entry.
   */
  pushReply(pid: string, slot: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (depth > 0) out.raw = this.store.result(pid, slot);
    for (const p of this.store.pushed(pid, slot)) out[p.key] = this.pushedEntry(p, depth - 1);
    out.slot = slot;
    out.process = pid;
    return out;
  }

  /** One pushed message in a push reply (dev_push `push_result_message/4`): where it went and what it resulted in. */
  private pushedEntry(p: PushedMessage, depth: number): Record<string, unknown> {
    if (p.unrouted === true || !this.procs.has(p.target)) return { response: "error", status: 404, target: p.target, reason: "Could not access target process!" };
    // Assigned when it was delivered: its slot is looked up by its id.
    const slot = p.slot ?? this.store.slotOf(p.target, p.id);
    if (slot === undefined) return { id: p.id, target: p.target };
    return { id: p.id, target: p.target, slot, "resulted-in": this.pushReply(p.target, slot, depth) };
  }

  /** The result of a slot or message id; waits (up to `timeoutMs`) while it is still queued. */
  async result(pid: string, slotOrId: string, timeoutMs = 30_000): Promise<StoredResult> {
    if (!this.procs.has(pid)) throw new HttpError(404, `no process ${pid} on this node`);
    const slot = /^\d+$/.test(slotOrId) ? Number(slotOrId) : this.store.slotOf(pid, slotOrId);
    // A slot below the scheduler's next one is assigned even while lmdb does not show its entry yet: a transaction's
    // assignments are visible to readers a moment after the scheduler moved (a `/now/` read in that moment used to
    // answer 404, which the SDK reads as a balance of "0"). Only a slot never assigned is a 404.
    if (slot === undefined || slot >= this.store.nextSlot(pid)) throw new HttpError(404, `no message ${slotOrId} assigned to ${pid}`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = this.store.result(pid, slot);
      if (r) return r;
      if (Date.now() > deadline) throw new HttpError(504, `slot ${slot} of ${pid} is not evaluated yet`);
      await new Promise<void>((ok) => {
        const t = setTimeout(ok, 250);
        this.events.once(`evaluated:${pid}:${slot}`, () => {
          clearTimeout(t);
          ok();
        });
      });
    }
  }

  currentSlot(pid: string): number {
    if (!this.procs.has(pid)) throw new HttpError(404, `no process ${pid} on this node`);
    return this.store.nextSlot(pid) - 1;
  }

  /** A read-only evaluation (nothing assigned, heap put back); counted per process so tests can assert none happen. */
  async dryrun(pid: string, tags: Record<string, string>, data: string, from: string): Promise<StoredResult> {
    const p = this.procs.get(pid);
    if (!p) throw new HttpError(404, `no process ${pid} on this node`);
    this.dryruns.set(pid, (this.dryruns.get(pid) ?? 0) + 1);
    return this.serial(async () => {
      const id = randomBytes(32).toString("base64url").slice(0, 43);
      const out = await p.dryrun({ id, target: pid, from, owner: from, tags, data, timestamp: this.now(), depth: 0 });
      return {
        Messages: out.map((m) => ({ Target: m.target, Tags: Object.entries(m.tags).map(([name, value]) => ({ name, value })), Data: m.data })),
        Spawns: [], Assignments: [], Output: {},
      };
    });
  }

  /** What the process exposed under `cache/<key>` (patch@1.0); see `readState`. */
  async readCache(pid: string, key: string, now = false): Promise<unknown> {
    return this.readState(pid, ["cache", key], now);
  }

  /**
   * What the process's state holds at `path` (`cache/<key>/…`, or another top-level key a patch set, such as the aos
   * token blueprint's `balances/<address>` trie and `token-info`). `now` first brings the process up to its latest
   * assigned message, as HyperBEAM's `/now/` does (a holder reads their own write); `compute` answers from what is
   * evaluated.
   */
  async readState(pid: string, path: string[], now = false): Promise<unknown> {
    const p = this.procs.get(pid);
    if (!p) throw new HttpError(404, `no process ${pid} on this node`);
    if (now) await this.upToDate(pid);
    return p.readState(path);
  }

  /**
   * `readState` as the HTTP API serves it (@tim3/local-ao `encodeState`: JSON with serialize~json@1.0, where a binary
   * is a JSON string too, else a binary as its bytes and anything else as JSON). Encoded once per state: the same read again before the
   * process evaluates another message costs a lookup. Undefined when the state holds nothing there.
   */
  async readEncoded(pid: string, path: string[], now: boolean, asJson: boolean): Promise<EncodedState | undefined> {
    if (!this.procs.has(pid)) throw new HttpError(404, `no process ${pid} on this node`);
    this.stateReads.set(pid, (this.stateReads.get(pid) ?? 0) + 1);
    if (now) await this.upToDate(pid);
    // From here on, nothing awaits: the value read and the body kept are of the same state.
    const p = this.procs.get(pid) as AosProcess;
    let served = this.encoded.get(pid);
    if (served === undefined) this.encoded.set(pid, (served = new Map()));
    const key = `${asJson ? "j" : "r"}/${path.join("/")}`;
    const hit = served.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const encoded = encodeState(p.readState(path), asJson) ?? null;
    if (served.size >= MAX_ENCODED_PER_PROCESS) served.clear();
    served.set(key, encoded);
    return encoded ?? undefined;
  }

  /** Resolves once the process has evaluated every message assigned to it so far (at once when it already has). */
  private async upToDate(pid: string): Promise<void> {
    const last = this.store.nextSlot(pid) - 1;
    if ((this.evaluatedUpTo.get(pid) ?? -1) >= last) return;
    await this.result(pid, String(last));
  }

  stats(): NodeStats {
    return {
      address: this.address,
      processes: this.procs.size,
      evaluated: this.evaluatedCount,
      queued: this.store.queueLength(),
      dryruns: Object.fromEntries(this.dryruns),
      stateReads: Object.fromEntries(this.stateReads),
      replayedOnStart: this.replayed,
      startMs: this.startMs,
      evaluateMs: +this.spent.evaluateMs.toFixed(1),
      commitMs: +this.spent.commitMs.toFixed(1),
    };
  }

  /** Idle: nothing queued and nothing being evaluated. */
  idle(): boolean {
    return !this.running && this.store.firstQueued() === undefined;
  }

  private kick(): void {
    if (this.running || this.closed) return;
    this.running = true;
    void this.drain().finally(() => {
      this.running = false;
      if (!this.closed && this.store.firstQueued() !== undefined) this.kick();
      else this.events.emit("idle");
    });
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const next = this.store.firstQueued();
      if (!next) return;
      if (this.options.deliveryDelayMs) await new Promise((r) => setTimeout(r, this.options.deliveryDelayMs));
      try {
        await this.serial(() => this.evaluateQueued(next.path, next.item));
      } catch (e) {
        this.options.log?.(`evaluation of ${next.item.pid}#${next.item.slot} failed: ${e instanceof Error ? e.stack : String(e)}`);
        return;
      }
    }
  }

  /**
   * Delivers one queued message. A process evaluates its messages in slot order, as a HyperBEAM process computes its
   * schedule: first any earlier slot still pending (a wallet's push assigned while a cascade was being pushed), then
   * this one. A message a process sent is assigned here, as it is delivered (dev_push `do_push/3` schedules each
   * outbox message and computes it before the next), so its slot and timestamp follow the push order.
   */
  private async evaluateQueued(path: QueuePath, item: QueueEntry): Promise<void> {
    const pid = item.pid;
    if (!this.procs.has(pid)) throw new Error(`queued message for ${pid}, which this node does not host`);
    for (const pending of this.store.pendingSlots(pid)) {
      if (item.slot !== undefined && pending.slot >= item.slot) break;
      await this.evaluateSlot(pending.path, pid, pending.slot);
    }
    if (item.slot !== undefined) {
      if (this.store.result(pid, item.slot) === undefined) await this.evaluateSlot(path, pid, item.slot);
      return;
    }
    const relayed = item.entry as LogEntry;
    const assigned = this.store.assignDelivery(pid);
    try {
      await this.evaluateSlot(path, pid, assigned.slot, { ...relayed, timestamp: assigned.timestamp });
    } catch (e) {
      assigned.undo();
      throw e;
    }
  }

  /** Evaluates `slot` of `pid` and commits its result and what it sent (`delivered`: its entry, assigned just now). */
  private async evaluateSlot(path: QueuePath, pid: string, slot: number, delivered?: LogEntry): Promise<void> {
    const p = this.procs.get(pid);
    const entry = delivered ?? this.store.entry(pid, slot);
    if (!p || !entry) throw new Error(`queued ${pid}#${slot} has no process or log entry`);
    const t0 = process.hrtime.bigint();
    const raw = await p.evaluate(toEnvelope(pid, entry));
    const t1 = process.hrtime.bigint();
    // Its patches are applied: what was encoded before is of the old state.
    this.encoded.delete(pid);
    const { sent, unrouted } = await this.relayOutbox({ target: pid, id: entry.id, depth: 0 }, outboxOf(raw));
    await this.store.commitEvaluation(path, pid, slot, toStored(raw), sent, unrouted, delivered);
    this.spent.evaluateMs += Number(t1 - t0) / 1e6;
    this.spent.commitMs += Number(process.hrtime.bigint() - t1) / 1e6;
    this.evaluatedUpTo.set(pid, slot);
    this.evaluatedCount++;
    this.events.emit(`evaluated:${pid}:${slot}`);
    this.events.emit("evaluated");
    const every = this.options.checkpointEvery ?? 1000;
    const n = (this.sinceCheckpoint.get(pid) ?? 0) + 1;
    if (n >= every) {
      await this.checkpoint(pid, slot);
      this.sinceCheckpoint.set(pid, 0);
    } else this.sinceCheckpoint.set(pid, n);
  }

  /**
   * An outbox as this node relays it (@tim3/local-ao `relay`: signed afresh by the node, a fresh id every time,
   * From-Process = the sender, its Reference kept), each message under its outbox key ("1".."n", dev_json_iface
   * `json_to_message/2`), which is where it goes in the queue's push order (./store.ts). A target this node does not
   * host is recorded as unrouted (dev_push answers 404 for it).
   */
  private async relayOutbox(sender: { target: string; id: string; depth: number }, outbox: ReturnType<typeof outboxOf>): Promise<{ sent: Assignment[]; unrouted: PushedMessage[] }> {
    const sent: Assignment[] = [];
    const unrouted: PushedMessage[] = [];
    // Relayed under the node's key, or under the second authority for a pre-mainnet process (./relay-authority.ts).
    const owner = relaySigner(this.store.process(sender.target)?.tags, this.address, this.options.legacyRelay);
    for (const out of outbox) {
      const relayed = relay(sender, out, owner, Date.now());
      if (this.options.signRelay !== undefined) relayed.id = await this.options.signRelay(relayed);
      if (!this.procs.has(out.target)) {
        unrouted.push({ key: out.key, target: out.target, id: relayed.id, unrouted: true });
        continue;
      }
      const assignment: Assignment = { pid: out.target, outboxKey: out.key, entry: toLogEntry(relayed) };
      if (!this.relayHold.keep(assignment)) sent.push(assignment);
    }
    return { sent, unrouted };
  }

  private async checkpoint(pid: string, slot: number): Promise<void> {
    const p = this.procs.get(pid);
    if (!p) return;
    const c = p.checkpoint();
    await this.store.saveCheckpoint(pid, { slot, height: c.height, evaluated: c.evaluated, cache: c.cache, root: c.root, memory: c.memory });
  }

  /** Whether the fault routes are served (`faults`). */
  get faults(): boolean {
    return this.options.faults === true;
  }

  /** Pushes what `relayHold` kept back, stamped now (a scheduler stamps at assignment), and delivers it. */
  async releaseHeld(): Promise<number> {
    return this.serial(async () => {
      const held = this.relayHold.take().map((a) => ({ ...a, entry: { ...a.entry, timestamp: this.now() } }));
      if (held.length > 0) await this.store.assignReleased(held);
      this.kick();
      return held.length;
    });
  }

  /** Waits until nothing is queued (tests, a clean stop). */
  async settle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.idle()) {
      if (Date.now() > deadline) throw new Error("the devnet did not go quiet");
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** A clean stop: checkpoints every process at its last evaluated slot so the next start replays nothing. */
  async close(): Promise<void> {
    this.closed = true;
    await this.serial(async () => {
      for (const pid of this.procs.keys()) {
        const last = this.lastEvaluatedSlot(pid);
        if (last !== undefined && (this.sinceCheckpoint.get(pid) ?? 1) > 0) await this.checkpoint(pid, last);
      }
    });
    await this.store.close();
  }

  private lastEvaluatedSlot(pid: string): number | undefined {
    let last: number | undefined;
    const ckpt = this.store.db.get(["ckpt", pid]) as { slot: number } | undefined;
    for (const { slot } of this.store.evaluatedAfter(pid, ckpt?.slot ?? 0)) last = slot;
    return last ?? ckpt?.slot ?? 0;
  }
}
