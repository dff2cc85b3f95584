/** The `Limit` tag of every paged or capped query (Balances, Get-History, Get-Audit-Log), read one way. */
import { ErrorCodes, fromInteger, parseQuantity, Tags, toSmallInteger, type Failure } from "@tim3/protocol";
import { tagOf, type Message } from "./message";

/** `fallback` when there is no Limit; a positive count up to `max`; anything else is refused. */
export function parseLimit(msg: Message, fallback: number, max: number): { ok: true; value: number } | Failure {
  const tag = tagOf(msg, Tags.Limit);
  if (tag === undefined) return { ok: true, value: fallback };
  const q = parseQuantity(tag, Tags.Limit, true);
  if (!q.ok) return q;
  if (q.value.length > 9 || toSmallInteger(q.value) > max) return { ok: false, error: "Limit must be at most " + fromInteger(max), code: ErrorCodes.OutOfRange };
  return { ok: true, value: toSmallInteger(q.value) };
}
