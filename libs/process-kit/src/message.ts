/**
 * The pure shape of AO messages as TIM3's process logic sees them: every process is
 * `(state, message, context) → outgoing messages`, with the aos wiring (libs/aos-kit) kept outside.
 */
import { ErrorCodes, errorActionFor, isRequestId, Tags, type ErrorCode, type Failure } from "@tim3/protocol";

export interface Message {
  id: string;
  /** Sender as the scheduler vouches for it: a wallet address, or a process id (From-Process via a trusted authority). */
  from: string;
  owner: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  tags: Record<string, string>;
  data: string;
}

export interface Outgoing {
  target: string;
  tags: Record<string, string>;
  /** Plain data, sent as is. */
  data?: string;
  /** Structured data: the wiring encodes it as JSON in the runtime it runs in. */
  json?: unknown;
}

export interface Context {
  /** This process's id. */
  self: string;
  /** The message's timestamp, in milliseconds. */
  now: number;
}

export function actionOf(msg: Message): string | undefined {
  return msg.tags[Tags.Action];
}

/** A tag value, or undefined when absent or empty. */
export function tagOf(msg: Message, name: string): string | undefined {
  const v = msg.tags[name];
  return v === undefined || v === "" ? undefined : v;
}

export function send(target: string, action: string, tags?: Record<string, string>, json?: unknown): Outgoing {
  const all: Record<string, string> = { [Tags.Action]: action };
  if (tags !== undefined) {
    for (const k in tags) all[k] = tags[k];
  }
  const out: Outgoing = { target, tags: all };
  if (json !== undefined) out.json = json;
  return out;
}

/**
 * The explicit failure reply: `<Action>-Error` with the failed message's id, a code from the ErrorCodes table for
 * programs (`Error-Code`) and a reason the sender can read (`Error`).
 */
export function rejection(code: ErrorCode, msg: Message, error: string): Outgoing {
  const tags: Record<string, string> = {
    [Tags.Action]: errorActionFor(actionOf(msg)),
    [Tags.MessageId]: msg.id,
    [Tags.ErrorCode]: code,
    [Tags.Error]: error,
  };
  const requestId = msg.tags[Tags.RequestId] ?? msg.tags[Tags.XRequestId];
  if (requestId !== undefined) tags[Tags.XRequestId] = requestId;
  // As a blueprint token's reply does: the sender may match the error to what it sent.
  const reference = msg.tags[Tags.XReference];
  if (reference !== undefined) tags[Tags.XReference] = reference;
  return { target: msg.from, tags };
}

/** Every `X-` tag of a message, to forward onto notices as the aos token blueprint does. */
export function forwardedTags(msg: Message): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in msg.tags) {
    if (k.length > 2 && k.substring(0, 2) === Tags.XPrefix) out[k] = msg.tags[k];
  }
  return out;
}

/**
 * The request id a holder gave in X-Request-Id, or one derived from the message id when none was given.
 * `ok: false` when the given one is malformed.
 */
export function requestIdOf(msg: Message): { ok: true; value: string } | Failure {
  const given = tagOf(msg, Tags.XRequestId);
  if (given === undefined) return { ok: true, value: msg.id };
  if (!isRequestId(given)) {
    return { ok: false, error: "X-Request-Id must be 1 to 128 printable characters without spaces", code: ErrorCodes.Malformed };
  }
  return { ok: true, value: given };
}
