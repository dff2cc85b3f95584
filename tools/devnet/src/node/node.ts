/**
 * The devnet node: the HTTP front end of TIM3's local AO (@tim3/local-ao: the real aos module through ao-loader with
 * the heap kept live, patch@1.0 state, and its delivery engine `LocalAo`: assignment, relaying with fresh ids,
 * dev_push's depth-first push, re-push, held relays, the push reply) behind AO's rules, with its log in lmdb
 * (./store.ts, the engine's `MessageLog`). What stays here is the node's: verification is done by ./http.ts; here
 * are charging, push-mode, checkpoints, the replay on restart and the encoded-state cache.
 *
 * Trust, as on AO mainnet:
 *  - a wallet's message is evaluated with Owner = From = its signer; a `From-Process` tag on it counts for nothing;
 *  - only messages this node relays from a process's outbox carry Owner = the node's address and From = the process,
 *    and the node's address is the Authority processes are spawned with (aoconnect defaults Authority to the
 *    scheduler, which is this node);
 *  - every data item's signature is verified (./data-item.ts); a message already assigned to a process is never
 *    assigned to it again; a spawn without an Authority tag is refused (aos would trust every sender).
 */
import {
  AOS_MODULE_ID, AosProcess, DeliveryRefused, LocalAo, checkSpawn, encodeState, envelopeOf, isPatchMessage, newId, outboxOf, resultOf, type AoResult,
  type EncodedState, type Envelope, type Evaluated,
} from "@tim3/local-ao";
import { HttpError, tagsToRecord, type SignedItem } from "./data-item";
import { RelayHold } from "./relay-hold";
import { assertRelayable, relaySigner } from "./relay-authority";
import { NodeStore, type LogEntry, type StoredResult } from "./store";

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
  /**
   * Signs each relayed message and answers its id (@tim3/local-ao `LocalAoOptions.signRelay`, awaited before the
   * evaluation that sent it is committed); default: the fresh random id the relay gave it.
   */
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

/** The engine's refusal as the HTTP answer it stands for. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw e instanceof DeliveryRefused ? new HttpError(e.status, e.message) : e;
  }
}

export class DevnetNode {
  readonly store: NodeStore;
  readonly address: string;
  /** The delivery engine, on the lmdb log: depth-first push, no message assigned twice to a process. */
  private readonly engine: LocalAo;
  private readonly procs = new Map<string, AosProcess>();
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
  /** Which relayed messages to keep back (`faults` only; ./relay-hold.ts); the engine keeps them. */
  readonly relayHold = new RelayHold();

  private constructor(private readonly options: NodeOptions) {
    this.store = new NodeStore(`${options.dataDir}/node.lmdb`);
    this.address = options.address;
    this.engine = new LocalAo({
      log: this.store,
      hosts: (pid) => this.procs.has(pid),
      evaluate: async (pid, msg) => {
        const raw = await (this.procs.get(pid) as AosProcess).evaluate(msg);
        // Its patches are applied: what was encoded before is of the old state.
        this.encoded.delete(pid);
        return { result: toStored(raw), outbox: outboxOf(raw) };
      },
      // Relayed under the node's key, or under the second authority for a pre-mainnet process (./relay-authority.ts).
      relayer: (pid) => relaySigner(this.store.process(pid)?.tags, this.address, this.options.legacyRelay),
      clock: Date.now,
      order: "depth-first",
      // Stricter than dev_scheduler_server `do_assign/3`: a message already assigned to a process is refused.
      reassign: false,
      onEvaluationError: "keep",
      afterEvaluation: (e) => this.evaluated(e),
      signRelay: options.signRelay,
    });
    this.engine.hold((relayed) => this.relayHold.matches(relayed));
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
        await p.evaluate(envelopeOf(proc.pid, entry, slot));
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
    // Stricter than dev_push: Authority required, the aos module, this node as Scheduler (@tim3/local-ao `checkSpawn`).
    await answering(async () => checkSpawn(tags, { scheduler: this.address, module: AOS_MODULE_ID }));
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
    // (Stricter than HyperBEAM's dev_json_iface `message_to_json_struct/2`, which takes From from the tag; aos then
    // drops the message unless its Owner is trusted.)
    const entry: LogEntry = { id: item.id, from: item.owner, owner: item.owner, tags, data: item.data, timestamp: Date.now() };
    const { slot, seq } = await answering(() => this.engine.push(pid, entry));
    this.kick();
    if (mode === "async") return { slot, process: pid };
    await answering(() => this.engine.waitForCascade(seq));
    return this.engine.pushReply(pid, slot, 1);
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
    await this.result(pid, String(slot));
    const { seq, pushed } = await answering(() => this.serial(() => this.engine.repush(pid, slot)));
    this.kick();
    if (mode === "async") return { slot, process: pid };
    await answering(() => this.engine.waitForCascade(seq));
    return this.engine.repushReply(pid, slot, pushed);
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

  /** The sync push reply of a slot (@tim3/local-ao `LocalAo.pushReply`, as dev_push `do_push/3` builds it). */
  pushReply(pid: string, slot: number, depth: number): Record<string, unknown> {
    return this.engine.pushReply(pid, slot, depth);
  }

  /** The result of a slot or message id; waits (up to `timeoutMs`) while it is still queued. */
  async result(pid: string, slotOrId: string, timeoutMs = 30_000): Promise<StoredResult> {
    if (!this.procs.has(pid)) throw new HttpError(404, `no process ${pid} on this node`);
    const slot = /^\d+$/.test(slotOrId) ? Number(slotOrId) : this.store.slotOf(pid, slotOrId);
    // A slot below the scheduler's next one is assigned even while lmdb does not show its entry yet: a transaction's
    // assignments are visible to readers a moment after the scheduler moved (a `/now/` read in that moment used to
    // answer 404, which the SDK reads as a balance of "0"). Only a slot never assigned is a 404.
    if (slot === undefined || slot >= this.store.nextSlot(pid)) throw new HttpError(404, `no message ${slotOrId} assigned to ${pid}`);
    return answering(() => this.engine.waitForResult(pid, slot, timeoutMs));
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
    return this.serial(async () => resultOf(await p.dryrun({ id: newId(), target: pid, from, owner: from, tags, data, timestamp: this.now(), depth: 0 })));
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
    });
  }

  /** The delivery loop: the engine delivers one queued message at a time, never beside another evaluation. */
  private async drain(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const next = this.store.firstQueued();
      if (!next) return;
      if (this.options.deliveryDelayMs) await new Promise((r) => setTimeout(r, this.options.deliveryDelayMs));
      try {
        await this.serial(() => this.engine.deliverNext());
      } catch (e) {
        this.options.log?.(`evaluation of ${next.item.pid}#${next.item.slot ?? "(relayed)"} failed: ${e instanceof Error ? e.stack : String(e)}`);
        return;
      }
    }
  }

  /** After each evaluation is committed: counters, and a heap checkpoint every `checkpointEvery` evaluations. */
  private async evaluated(e: Evaluated): Promise<void> {
    this.spent.evaluateMs += e.evaluateMs;
    this.spent.commitMs += e.commitMs;
    this.evaluatedUpTo.set(e.pid, e.slot);
    this.evaluatedCount++;
    const every = this.options.checkpointEvery ?? 1000;
    const n = (this.sinceCheckpoint.get(e.pid) ?? 0) + 1;
    if (n >= every) {
      await this.checkpoint(e.pid, e.slot);
      this.sinceCheckpoint.set(e.pid, 0);
    } else this.sinceCheckpoint.set(e.pid, n);
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
      this.relayHold.clear();
      // Each assigned now, at its target (a scheduler stamps at assignment), and queued after everything.
      const held = await this.engine.release();
      this.engine.hold((relayed) => this.relayHold.matches(relayed));
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
    this.engine.close();
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
