/** Request ids tie a holder's message to every message of its flow, end to end. */
import { ErrorCodes, type Failure } from "./errors";
import { tagOf, type Message } from "./message";
import { Tags } from "./tags";

export const MAX_REQUEST_ID_LENGTH = 128;

/** Printable ASCII without spaces, at most 128 characters. */
export function isRequestId(value: string): boolean {
  if (value.length === 0 || value.length > MAX_REQUEST_ID_LENGTH) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 33 || c > 126) return false;
  }
  return true;
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
