/**
 * An evaluation's outbox as HyperBEAM keys and pushes it. The result of a message is turned into a map whose
 * outbox is keyed "1".."n" in the order aos emitted the messages, patch@1.0 messages apart (dev_json_iface
 * `json_to_message/2`), and dev_push `do_push/3` pushes it by mapping over that map: keys in order as strings, so
 * eleven messages go 1, 10, 11, 2, … (`pushOrder`). Each pushed message is computed, and its own outbox pushed,
 * before the next key (depth-first).
 */
import type { Outbound } from "./messages";

type Tag = { name: string; value: unknown };

/** One evaluation's result as ao-loader returns it (a CU's result, plus the heap). */
export interface AoResult {
  Memory: ArrayBuffer;
  Error?: unknown;
  Output?: { data?: unknown } | string;
  Messages?: AoOutMessage[];
  Spawns?: unknown[];
  Assignments?: unknown[];
  Patches?: unknown[];
}
export interface AoOutMessage {
  Target?: string;
  Anchor?: string;
  Tags: Tag[];
  Data?: unknown;
}

/** The device a process addresses with `Send({ device = "patch@1.0", cache = { … } })` to expose state. */
export const PATCH_DEVICE = "patch@1.0";

/** A message aos emitted to expose state (HyperBEAM's patch@1.0) rather than to send to a process. */
export function isPatchMessage(m: AoOutMessage): boolean {
  return m.Tags.find((t) => t.name === "device")?.value === PATCH_DEVICE;
}

/** Tags aos adds to every outgoing message; they say nothing about TIM3 and are left out of `Outbound.tags` (Reference is `Outbound.reference`). */
export const AOS_BASE_TAGS = new Set(["Data-Protocol", "Variant", "Type", "Reference"]);

/** A message of an outbox under its key ("1", "2", …). */
export interface OutboxMessage extends Outbound {
  key: string;
}

/**
 * The outbox of a result: every message that is not a patch, keyed "1".."n" in emission order (dev_json_iface
 * `json_to_message/2`); a message with no Target keeps its key and is not pushed (dev_push has nowhere to send it).
 */
export function outboxOf(result: { Messages?: AoOutMessage[] }): OutboxMessage[] {
  const out: OutboxMessage[] = [];
  let index = 0;
  for (const m of result.Messages ?? []) {
    if (isPatchMessage(m)) continue;
    const key = String(++index);
    if (m.Target === undefined || m.Target === null || m.Target === "") continue;
    const message: OutboxMessage = {
      key,
      target: m.Target,
      tags: Object.fromEntries(m.Tags.filter((t) => !AOS_BASE_TAGS.has(t.name)).map((t) => [t.name, typeof t.value === "string" ? t.value : JSON.stringify(t.value)])),
      data: typeof m.Data === "string" ? m.Data : m.Data === undefined || m.Data === null ? "" : JSON.stringify(m.Data),
    };
    // aos's own Reference (permaweb/aos process/ao.lua `ao.send`), the first of that name: relayed with the message.
    const reference = m.Tags.find((t) => t.name === "Reference")?.value;
    if (reference !== undefined) message.reference = String(reference);
    out.push(message);
  }
  return out;
}

/** Two outbox keys in dev_push's order: as strings, byte by byte ("1" < "10" < "11" < "2"). */
export function compareOutboxKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An outbox in the order dev_push `do_push/3` pushes it. */
export function pushOrder<T extends { key: string }>(outbox: readonly T[]): T[] {
  return [...outbox].sort((a, b) => compareOutboxKeys(a.key, b.key));
}
