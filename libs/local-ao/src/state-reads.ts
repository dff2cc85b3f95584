/**
 * A state read as a HyperBEAM node answers it, for every front end that serves one over HTTP (the devnet's node,
 * libs/testing's cache server): `GET /<pid>~process@1.0/{now,compute}/<key>[/<sub>…][/serialize~json@1.0]`.
 * With the `serialize~json@1.0` suffix the value is JSON, a binary included (dev_codec_json `to/1`: "250", not 250);
 * without it a binary is served as its bytes and anything else as JSON. Nothing there is a 404 (`hb_ao:get/3`'s
 * `not_found`), an answer rather than an error.
 */

/** The path segment that asks for JSON. */
export const JSON_CODEC = "serialize~json@1.0";

/** An exposed value as a node serves it: the body and whether it is JSON (else a binary, served as text). */
export interface EncodedState {
  body: Buffer;
  json: boolean;
}

export class StatePathError extends Error {
  readonly status = 400;
}

/**
 * The state path of a read's decoded segments after `now/` or `compute/`: the codec suffix taken off, and a path
 * that names no key (nothing, or `cache` alone) refused.
 */
export function statePath(segments: string[]): { path: string[]; asJson: boolean } {
  let path = segments.filter((k) => k !== "");
  const asJson = path[path.length - 1] === JSON_CODEC;
  if (asJson) path = path.slice(0, -1);
  if (path.length === 0 || (path[0].toLowerCase() === "cache" && path.length === 1)) throw new StatePathError("name a key");
  return { path, asJson };
}

/** The body a node serves for `value` (undefined: nothing there, a 404). */
export function encodeState(value: unknown, asJson: boolean): EncodedState | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" && !asJson ? { body: Buffer.from(value), json: false } : { body: Buffer.from(JSON.stringify(value)), json: true };
}
