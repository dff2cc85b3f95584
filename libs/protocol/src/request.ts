/** Request ids tie a holder's message to every message of its flow, end to end. */

const MAX_REQUEST_ID_LENGTH = 128;

/** Printable ASCII without spaces, at most 128 characters. */
export function isRequestId(value: string): boolean {
  if (value.length === 0 || value.length > MAX_REQUEST_ID_LENGTH) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 33 || c > 126) return false;
  }
  return true;
}
