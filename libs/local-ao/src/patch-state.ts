/**
 * A process's state as a HyperBEAM node keeps and serves it, built from the patch@1.0 messages the process emits
 * (`Send({ device = "patch@1.0", cache = { … } })`; permaweb/HyperBEAM src/dev_patch.erl): `cache` and every other
 * top-level key a patch names, at the state's root (`patch-to` defaults to "/"). Maps merge key by key (deeply);
 * keys are lower-cased at every depth (a mixed-case field never reads back as it was sent) except inside a
 * `trie@1.0` (src/dev_trie.erl stores binary keys: an address stays case-sensitive). Read at
 * `/<pid>~process@1.0/{now,compute}/<path>`; a key never set is nothing (404), as in `hb_ao:get/3` over Erlang maps.
 */
import { AOS_BASE_TAGS, type AoOutMessage } from "./outbox";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * State keys come from users (a path segment, a token Recipient in a balances trie), so they are looked up and set as
 * own properties only: `constructor`, `toString` or `__proto__` read as nothing and write as plain keys, never reaching
 * Object.prototype.
 */
function own(o: Record<string, Json>, key: string): Json | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function setOwn(o: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A value as a HyperBEAM node keeps it: every key lower-cased, at every depth. */
function lowerKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(lowerKeys);
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), lowerKeys(x)]));
}

/**
 * patch@1.0 writes into the process's cache: maps merge key by key (deeply), anything else replaces; keys are
 * lower-cased at every depth, as a HyperBEAM node does (so a mixed-case field never reads back as it was sent).
 */
function mergeInto(target: Record<string, Json>, patch: Record<string, Json>): void {
  for (const [k, v] of Object.entries(patch)) {
    const key = k.toLowerCase();
    const old = own(target, key);
    if (isObject(v) && isObject(old)) mergeInto(old, v);
    else setOwn(target, key, lowerKeys(v));
  }
}

/** A patch message's own fields (not state it patches). */
const MESSAGE_FIELDS = new Set(["Target", "Anchor", "Data", "Tags"]);

/** The HyperBEAM device a patch names to make a key a radix trie (permaweb/HyperBEAM src/dev_trie.erl). */
export const TRIE_DEVICE = "trie@1.0";

function isTrie(v: unknown): v is Record<string, Json> {
  return isObject(v) && v.device === TRIE_DEVICE;
}

/**
 * A patch to a top-level key of the process state (anything but `cache`), as HyperBEAM's patch@1.0 applies it at the
 * state's root (dev_patch `patch-to` defaults to "/"): `{ device = "trie@1.0" }` makes the key a trie; a later patch
 * of a map to a trie sets each of its keys, exactly as given (dev_trie stores binary keys: an address stays
 * case-sensitive) and replacing the old value; anything else merges as `cache` does.
 */
function patchRoot(root: Record<string, Json>, key: string, value: Json): void {
  const name = key.toLowerCase();
  const old = own(root, name);
  if (isTrie(value)) {
    setOwn(root, name, isTrie(old) ? old : { device: TRIE_DEVICE });
  } else if (isTrie(old) && isObject(value)) {
    for (const [k, v] of Object.entries(value)) if (k !== "device") setOwn(old, k, v);
  } else if (isObject(value) && isObject(old)) {
    mergeInto(old, value);
  } else {
    setOwn(root, name, lowerKeys(value));
  }
}

export class PatchedState {
  /** Patch messages applied, the size of the largest (bytes of JSON) and the keys of the last evaluation's patches. */
  readonly patches = { count: 0, largestBytes: 0, lastKeys: [] as string[] };

  constructor(
    /** State the process exposed under `cache` (what a HyperBEAM node serves at /cache/<key>). */
    public cache: Record<string, Json> = {},
    /** Every other top-level key patched (served at /<key>/…): the blueprint's balances and token-info. */
    public root: Record<string, Json> = {},
  ) {}

  /** A copy to evaluate a dry-run against. */
  clone(): PatchedState {
    const c = new PatchedState(structuredClone(this.cache), structuredClone(this.root));
    Object.assign(c.patches, { ...this.patches, lastKeys: [...this.patches.lastKeys] });
    return c;
  }

  /** Applies one evaluation's patch messages, in order. */
  apply(patches: AoOutMessage[]): void {
    this.patches.lastKeys = [];
    for (const m of patches) {
      const fields: [string, unknown][] = Array.isArray(m.Tags)
        ? m.Tags.map((t) => [t.name, t.value])
        : Object.entries(m as unknown as Record<string, unknown>);
      for (const [name, value] of fields) {
        if (name === "device" || AOS_BASE_TAGS.has(name) || MESSAGE_FIELDS.has(name)) continue;
        if (name.toLowerCase() === "cache") {
          if (!isObject(value)) continue;
          mergeInto(this.cache, value);
          this.patches.count++;
          this.patches.largestBytes = Math.max(this.patches.largestBytes, JSON.stringify(value).length);
          this.patches.lastKeys.push(...Object.keys(value).map((k) => k.toLowerCase()));
        } else if (value !== undefined) {
          patchRoot(this.root, name, value as Json);
        }
      }
    }
  }

  /** The value last exposed under `cache/<key>` (keys are case-insensitive), or undefined. */
  readCache(key: string): unknown {
    return own(this.cache, key.toLowerCase());
  }

  /**
   * What a HyperBEAM node serves at `/<pid>~process@1.0/now/<path>`: `cache/<key>/…` or another top-level key a patch
   * set (`balances/<address>`, `token-info`), or undefined. Keys are case-insensitive except inside a trie.
   */
  read(path: string[]): unknown {
    if (path.length === 0) return undefined;
    const [first, ...rest] = path;
    let value: unknown = first.toLowerCase() === "cache" ? this.cache : own(this.root, first.toLowerCase());
    for (const key of rest) {
      if (!isObject(value)) return undefined;
      value = isTrie(value) ? (key === "device" ? undefined : own(value, key)) : (own(value, key) ?? own(value, key.toLowerCase()));
    }
    return value;
  }

  cacheKeys(): string[] {
    return Object.keys(this.cache);
  }
}
