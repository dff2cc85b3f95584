/**
 * The one generic state-exposure emitter (AO mainnet, HyperBEAM `patch@1.0`): after a handler, it asks the process's
 * pure `Exposure` for the entries the message may have changed and sends those whose value differs from what this
 * bundle last published, in the same evaluation. A bundle load (spawn or upgrade) starts with an empty memory and
 * publishes everything once.
 *
 * Change detection is a deep comparison with the value last sent, kept for the keys touched again and again (Info,
 * limits, the newest audit page): a bounded memory (`PUBLISHED_MEMORY` values, CLOCK eviction) so that it never grows
 * with the number of holders or operations. A key it no longer holds is simply sent again when touched, which is
 * never wrong, only a few bytes more.
 */
import {
  sameAsExposed, withExposedNames,
} from "@tim3/protocol";
import {
  PATCH_CHUNK, chunkEntries, idsOf, type CacheEntries, type Exposure, type ExposureContext, type HasCore, type Message, type Outgoing, type RootEntries,
} from "@tim3/process-kit";

/** How many published values the emitter keeps to compare with: more than the keys any process touches on every message. */
const PUBLISHED_MEMORY = 128;

/**
 * The values last published under the keys most often touched: CLOCK (second chance) eviction, so a key touched
 * unchanged by every message stays while keys touched once (a new operation, a balance) make way.
 */
interface PublishedMemory {
  value: Record<string, unknown>;
  /** Touched again since the hand last passed it. */
  used: Record<string, boolean>;
  slots: Record<number, string>;
  size: number;
  hand: number;
}

function remember(memory: PublishedMemory, key: string, exposed: unknown): void {
  if (memory.value[key] === undefined) {
    if (memory.size < PUBLISHED_MEMORY) {
      memory.slots[memory.size] = key;
      memory.size++;
    } else {
      // Terminates: each step clears one mark, and there are at most PUBLISHED_MEMORY marks.
      while (memory.used[memory.slots[memory.hand]] === true) {
        delete memory.used[memory.slots[memory.hand]];
        memory.hand = (memory.hand + 1) % PUBLISHED_MEMORY;
      }
      delete memory.value[memory.slots[memory.hand]];
      memory.slots[memory.hand] = key;
      memory.hand = (memory.hand + 1) % PUBLISHED_MEMORY;
    }
  }
  memory.value[key] = exposed;
}

const PATCH_DEVICE = "patch@1.0";
/** The HyperBEAM device a root key is patched to once, making it a trie (permaweb/HyperBEAM `src/dev_trie.erl`). */
const TRIE_DEVICE = "trie@1.0";

export interface Emitter<S> {
  publishAll(state: S, now: number): void;
  publishTouched(state: S, msg: Message, outgoing: Outgoing[]): void;
}

export function createEmitter<S extends HasCore>(exposure: Exposure<S>): Emitter<S> {
  /**
   * The keys sent that the exposure asks to remember (`remembers`: a token's holders), so an account that left the
   * ledger is sent its zero once; an upgrade starts afresh. Only those: a memory of every key ever sent grew with
   * every operation and request id a stranger causes for free (issue 24).
   */
  const sent: Record<string, boolean> = {};
  const memory: PublishedMemory = { value: {}, used: {}, slots: {}, size: 0, hand: 0 };
  const wasPublished = (key: string): boolean => sent[key] === true;
  const contextAt = (now: number, audited: boolean): ExposureContext => ({ self: ao.id, owner: ao.env.Process.Owner, now, audited });

  function emit(entries: CacheEntries): void {
    const changed: CacheEntries = {};
    let any = false;
    for (const key in entries) {
      const last = memory.value[key];
      if (last !== undefined && sameAsExposed(entries[key], last)) {
        memory.used[key] = true;
        continue;
      }
      // Field names go out lowercase, as a HyperBEAM node stores them (see exposedName). The copy is only ever read.
      const exposed = withExposedNames(entries[key]);
      changed[key] = exposed;
      if (exposure.remembers?.(key, entries[key]) === true) sent[key] = true;
      else delete sent[key];
      remember(memory, key, exposed);
      any = true;
    }
    if (!any) return;
    // No Target: the node applies a patch@1.0 message to the process's own state; it is not delivered anywhere.
    for (const chunk of chunkEntries(changed, PATCH_CHUNK)) ao.send({ device: PATCH_DEVICE, cache: chunk });
  }

  /** Memory and `sent` keys of root entries: "/<key>", and "/<key>/<member>" for a trie's members (no cache key starts with "/"). */
  const rootKey = (key: string, member?: string): string => (member === undefined ? "/" + key : "/" + key + "/" + member);
  const tries: Record<string, boolean> = {};
  for (const t of exposure.root?.tries ?? []) tries[t] = true;

  /**
   * Root entries that changed, in patch messages of their own (the blueprint's form: `token-info` and trie members at
   * the state's root). `load`: each trie is first made one (`{ device = "trie@1.0" }`), in the first message.
   */
  function emitRoot(entries: RootEntries, load: boolean): void {
    const patches: Record<string, unknown>[] = [];
    let current: Record<string, unknown> = {};
    let size = 0;
    const flush = (): void => {
      if (size > 0) patches.push(current);
      current = {};
      size = 0;
    };
    if (load) {
      for (const t in tries) {
        current[t] = { device: TRIE_DEVICE };
        size++;
      }
    }
    for (const key in entries) {
      const value = entries[key];
      if (tries[key] === true) {
        const members = value as Record<string, unknown>;
        for (const member in members) {
          const mk = rootKey(key, member);
          const last = memory.value[mk];
          if (last !== undefined && last === members[member]) {
            memory.used[mk] = true;
            continue;
          }
          let group = current[key] as Record<string, unknown> | undefined;
          // A trie patched in this message already (its device): members go in the next one, after it is a trie.
          if (group !== undefined && (group as { device?: string }).device === TRIE_DEVICE) {
            flush();
            group = undefined;
          }
          if (group === undefined) {
            group = {};
            current[key] = group;
          }
          group[member] = members[member];
          sent[mk] = true;
          remember(memory, mk, members[member]);
          size++;
          if (size >= PATCH_CHUNK) flush();
        }
      } else {
        const mk = rootKey(key);
        const last = memory.value[mk];
        if (last !== undefined && sameAsExposed(value, last)) {
          memory.used[mk] = true;
          continue;
        }
        const exposed = withExposedNames(value);
        current[key] = exposed;
        sent[mk] = true;
        remember(memory, mk, exposed);
        size++;
      }
    }
    flush();
    for (const patch of patches) {
      patch.device = PATCH_DEVICE;
      ao.send(patch);
    }
  }

  /** Exposure must never fail a message whose effects are done: an error is printed, the handler's sends stand. */
  function guarded(what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      print("TIM3 exposure failed (" + what + "): " + String(e));
    }
  }

  return {
    publishAll(state, now) {
      guarded("all", () => emit(exposure.all(state, contextAt(now, true))));
      const root = exposure.root;
      if (root !== undefined) guarded("root", () => emitRoot(root.all(state, contextAt(now, true)), true));
    },
    publishTouched(state, msg, outgoing) {
      // Only an audited admin action adds to the audit log, and it marks its message id as acted on (recordAudit).
      const audited = state.core.acted[msg.id] === true;
      const ids = idsOf(msg, outgoing);
      const ctx = contextAt(msg.timestamp, audited);
      guarded("touched", () => emit(exposure.touched(state, ids, ctx, wasPublished)));
      const root = exposure.root;
      if (root !== undefined) guarded("root", () => emitRoot(root.touched(state, ids, ctx, (key, member) => sent[rootKey(key, member)] === true), false));
    },
  };
}
