/**
 * One process inside the real aos WASM module (via @permaweb/ao-loader), spawned with an Authority tag as on
 * mainnet. The heap stays live in the instance between messages (UNSAFE_MEMORY) instead of being copied in and
 * out on every call, which is what makes the aos runtime fast enough for whole-flow tests; a dry-run snapshots the
 * heap and restores it afterwards, so it changes nothing, as on a CU.
 */
import AoLoader from "@permaweb/ao-loader";
import { Actions, Tags } from "@tim3/protocol";
import { AOS_MODULE_FORMAT, AOS_MODULE_ID, aosCompiledModule, wasmApi } from "./aos-module";
import { AUTHORITY, newId, type Envelope, type ProcessRuntime } from "./messages";
import { isPatchMessage, outboxOf, type AoOutMessage, type AoResult, type OutboxMessage } from "./outbox";
import { PatchedState, type Json } from "./patch-state";

type Tag = { name: string; value: unknown };
type AoHandle = (memory: ArrayBuffer | Uint8Array | null, msg: unknown, env: unknown) => Promise<AoResult>;

function toTags(tags: Record<string, string>): Tag[] {
  return Object.entries(tags).map(([name, value]) => ({ name, value }));
}

export class ProcessError extends Error {}

/**
 * ao-loader's emscripten start-up replaces Date.now, performance.now, process.hrtime and Math.random for the whole
 * Node process with deterministic stand-ins. The WASM instance keeps its own copies; the host gets its clocks back.
 */
async function loadIsolated(): Promise<AoHandle> {
  const saved = { now: Date.now, perf: performance.now, hrtime: process.hrtime, random: Math.random };
  try {
    const compiled = await aosCompiledModule();
    // Emscripten's `instantiateWasm` hook (ao-loader passes a function through as Module.instantiateWasm): instantiate
    // the shared compiled module with this instance's imports, then hand the instance back as emscripten expects.
    const instantiate = (imports: object, receiveInstance: (instance: object, module: object) => void) => {
      void wasmApi.instantiate(compiled, imports).then((instance) => receiveInstance(instance, compiled));
      return {};
    };
    return (await AoLoader(instantiate as never, { format: AOS_MODULE_FORMAT, UNSAFE_MEMORY: true })) as AoHandle;
  } finally {
    Date.now = saved.now;
    performance.now = saved.perf;
    process.hrtime = saved.hrtime;
    Math.random = saved.random;
  }
}

export interface SpawnOptions {
  owner: string;
  tags?: Record<string, string>;
  pid?: string;
  authority?: string;
  /** The spawn message's timestamp (ms); a replay passes the recorded one so the heap comes out the same. */
  timestamp?: number;
}

/** What restores a process without replaying its log from the start: its heap and counters at one message. */
export interface AosCheckpoint {
  pid: string;
  owner: string;
  spawnTags: Record<string, string>;
  memory: Uint8Array;
  height: number;
  evaluated: number;
  cache: Record<string, unknown>;
  /** Top-level keys other than `cache` the process patched (e.g. the token blueprint's `balances` trie). */
  root?: Record<string, unknown>;
}

export class AosProcess implements ProcessRuntime {
  private handleFn!: AoHandle;
  private memory: ArrayBuffer | null = null;
  private readonly env: unknown;
  private height = 1;
  /** A heap to load before the next evaluation (restoring a checkpoint). */
  private pendingMemory: Uint8Array | null = null;
  /** State the process exposed with patch@1.0, as a HyperBEAM node keeps it (./patch-state.ts). */
  private state = new PatchedState();
  /** Every message this process has evaluated, in order (a journal, e.g. to replay after a crash). */
  evaluated = 0;
  /** The key `eval` and `read` use: the aos Owner (a TIM3 process moves it to its new admin on Configure). */
  operator: string;
  /** Patch messages applied, the size of the largest (bytes of JSON) and the keys of the last evaluation's patches. */
  get patches(): { count: number; largestBytes: number; lastKeys: string[] } {
    return this.state.patches;
  }

  private constructor(
    readonly pid: string,
    readonly owner: string,
    readonly spawnTags: Record<string, string>,
  ) {
    this.operator = owner;
    this.env = {
      Process: { Id: pid, Owner: owner, Tags: toTags(spawnTags) },
      Module: { Id: AOS_MODULE_ID, Tags: [] },
    };
  }

  static async spawn(options: SpawnOptions): Promise<AosProcess> {
    const pid = options.pid ?? newId();
    const tags: Record<string, string> = {
      "Data-Protocol": "ao",
      Variant: "ao.TN.1",
      Type: "Process",
      Module: AOS_MODULE_ID,
      Authority: options.authority ?? AUTHORITY,
      ...options.tags,
    };
    const p = new AosProcess(pid, options.owner, tags);
    p.handleFn = await loadIsolated();
    await p.call({ id: pid, target: pid, from: options.owner, owner: options.owner, tags, data: "", timestamp: options.timestamp ?? Date.now(), depth: 0 });
    return p;
  }

  /** A process back from a checkpoint: the module loaded fresh, the saved heap put in before the next message. */
  static async restore(checkpoint: AosCheckpoint): Promise<AosProcess> {
    const p = new AosProcess(checkpoint.pid, checkpoint.owner, checkpoint.spawnTags);
    p.handleFn = await loadIsolated();
    p.pendingMemory = checkpoint.memory;
    p.height = checkpoint.height;
    p.evaluated = checkpoint.evaluated;
    p.state = new PatchedState(structuredClone(checkpoint.cache) as Record<string, Json>, structuredClone(checkpoint.root ?? {}) as Record<string, Json>);
    return p;
  }

  /** A copy of everything `restore` needs, taken between two messages. */
  checkpoint(): AosCheckpoint {
    const memory = this.pendingMemory ?? new Uint8Array(this.memory as ArrayBuffer).slice();
    return {
      pid: this.pid, owner: this.owner, spawnTags: this.spawnTags, memory, height: this.height, evaluated: this.evaluated,
      cache: structuredClone(this.state.cache),
      root: structuredClone(this.state.root),
    };
  }

  /** The value the process last exposed under `key` with patch@1.0 (keys are case-insensitive), or undefined. */
  readCache(key: string): unknown {
    return this.state.readCache(key);
  }

  /**
   * What a HyperBEAM node serves at `/<pid>~process@1.0/now/<path>`: `cache/<key>/…` or another top-level key a patch
   * set (`balances/<address>`, `token-info`), or undefined (./patch-state.ts).
   */
  readState(path: string[]): unknown {
    return this.state.read(path);
  }

  /**
   * Evaluates one message exactly as given (Owner, From, tags) and returns ao-loader's whole result — Error and
   * Output included, nothing thrown — for a node that serves results as a CU does.
   */
  evaluate(msg: Envelope): Promise<AoResult> {
    return this.call(msg);
  }

  private applyPatches(result: AoResult): void {
    this.state.apply([...(result.Messages ?? []).filter(isPatchMessage), ...((result.Patches ?? []) as AoOutMessage[])]);
  }

  /** Every key the process exposed. */
  cacheKeys(): string[] {
    return this.state.cacheKeys();
  }

  private async call(msg: Envelope): Promise<AoResult> {
    const aoMsg = {
      Id: msg.id,
      Target: this.pid,
      Owner: msg.owner,
      From: msg.from,
      Data: msg.data,
      "Block-Height": this.height++,
      Timestamp: msg.timestamp,
      Module: AOS_MODULE_ID,
      Cron: false,
      Tags: toTags(msg.tags),
    };
    const memory = this.pendingMemory;
    this.pendingMemory = null;
    const result = await this.handleFn(memory, aoMsg, this.env);
    this.memory = result.Memory;
    this.evaluated++;
    this.applyPatches(result);
    return result;
  }

  /** The outbox under HyperBEAM's keys (./outbox.ts); a Lua error is thrown, as a test wants to hear of it. */
  private outbound(result: AoResult): OutboxMessage[] {
    if (result.Error !== undefined && result.Error !== null && result.Error !== "") {
      throw new ProcessError(`process ${this.pid} raised an error: ${String(result.Error)}`);
    }
    return outboxOf(result);
  }

  async handle(msg: Envelope): Promise<OutboxMessage[]> {
    return this.outbound(await this.call(msg));
  }

  /** Evaluates and then puts the heap back exactly as it was, as a CU's dry-run does. */
  async dryrun(msg: Envelope): Promise<OutboxMessage[]> {
    return this.outbound(await this.evaluateAndRestore(msg));
  }

  /** Evaluates a message, then puts the heap, the counters and the exposed state back as they were. */
  private async evaluateAndRestore(msg: Envelope): Promise<AoResult> {
    // Counters and exposed state are put back too: a replay of the log (which holds no dry-runs) must match.
    const evaluated = this.evaluated;
    const height = this.height;
    const state = this.state;
    this.state = state.clone();
    const restoreCounters = () => {
      this.evaluated = evaluated;
      this.height = height;
      this.state = state;
    };
    const pending = this.pendingMemory;
    if (pending !== null) {
      // Fresh from a checkpoint: evaluate on the saved heap and keep it pending for the next real message.
      const result = await this.call(msg);
      this.pendingMemory = pending;
      restoreCounters();
      return result;
    }
    // Only the pages holding something are saved: an aos heap of 110 MB has a few MB in use (static data, the Lua
    // heap, the stack), and two full copies per dry-run were a fifth of the flow tests' CPU.
    const before = new Uint8Array(this.memory as ArrayBuffer);
    const saved = savePages(before);
    const result = await this.call(msg);
    restoreCounters();
    // Put back every saved page, clear every page the dry-run wrote that held nothing, and clear what the heap grew by.
    const after = new Uint8Array(this.memory as ArrayBuffer);
    restorePages(after, saved, before.length);
    return result;
  }

  /** The operator (the aos Owner) evaluates Lua (e.g. loading a bundle); returns what aos printed, throws on a Lua error. */
  async eval(lua: string, timestamp = Date.now()): Promise<string> {
    const result = await this.call({
      id: newId(), target: this.pid, from: this.operator, owner: this.operator, tags: { [Tags.Action]: Actions.Eval }, data: lua, timestamp, depth: 0,
    });
    if (result.Error !== undefined && result.Error !== null && result.Error !== "") {
      throw new ProcessError(`Eval failed in ${this.pid}: ${String(result.Error)}`);
    }
    const out = result.Output;
    return typeof out === "object" && out !== null ? String(out.data ?? "") : String(out ?? "");
  }

  /**
   * Reads a Lua expression's value as JSON: the operator's Eval, evaluated as a dry-run, so the read leaves nothing
   * behind (not even in the processes' memory of Evals) and a test's "changes nothing" compares like with like.
   */
  async read<T = unknown>(expression: string): Promise<T> {
    const result = await this.evaluateAndRestore({
      id: newId(), target: this.pid, from: this.operator, owner: this.operator, tags: { [Tags.Action]: Actions.Eval },
      data: `print(require("json").encode(${expression}))`, timestamp: Date.now(), depth: 0,
    });
    if (result.Error !== undefined && result.Error !== null && result.Error !== "") {
      throw new ProcessError(`reading ${expression} in ${this.pid} failed: ${String(result.Error)}`);
    }
    const out = result.Output;
    return JSON.parse(typeof out === "object" && out !== null ? String(out.data ?? "") : String(out ?? "")) as T;
  }

  /** Bytes of WASM heap the process uses now. */
  heapBytes(): number {
    return this.memory?.byteLength ?? 0;
  }
}

/** A heap page, the unit `dryrun` saves (WebAssembly's own page size). */
const PAGE = 65_536;
const ZERO_PAGE = Buffer.alloc(PAGE);

function pageIsZero(heap: Uint8Array, page: number): boolean {
  const start = page * PAGE;
  const bytes = Buffer.from(heap.buffer, heap.byteOffset + start, Math.min(PAGE, heap.length - start));
  return bytes.length === PAGE ? bytes.equals(ZERO_PAGE) : bytes.every((b) => b === 0);
}

/** Copies of the heap's non-zero pages, by page number. */
function savePages(heap: Uint8Array): Map<number, Uint8Array> {
  const saved = new Map<number, Uint8Array>();
  const pages = Math.ceil(heap.length / PAGE);
  for (let page = 0; page < pages; page++) {
    if (!pageIsZero(heap, page)) saved.set(page, heap.slice(page * PAGE, (page + 1) * PAGE));
  }
  return saved;
}

/** Makes the first `length` bytes of `heap` what `savePages` saw (pages it did not save were zero), and zeroes the rest. */
function restorePages(heap: Uint8Array, saved: Map<number, Uint8Array>, length: number): void {
  const pages = Math.ceil(length / PAGE);
  for (let page = 0; page < pages; page++) {
    const copy = saved.get(page);
    if (copy !== undefined) heap.set(copy, page * PAGE);
    else if (!pageIsZero(heap, page)) heap.fill(0, page * PAGE, Math.min((page + 1) * PAGE, length));
  }
  if (heap.length > length) heap.fill(0, length);
}
