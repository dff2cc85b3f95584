/**
 * Which HyperBEAM version's JSON the node's state reads answer in (`devnet serve|up --state-json legacy|current`).
 * Clients must cope with both (the SDK does: libs/sdk/src/state-reads.ts); this lets a test drive them over a real
 * devnet in either.
 *
 * - "legacy" (the default; what the devnet has always served): permaweb/HyperBEAM b2743e4 (2025-05), the version the
 *   rest of this node follows. `serialize~json@1.0` is `dev_codec_json:serialize/3` → `to/1`: the value's JSON, a
 *   binary as a JSON string ("250"); without the suffix a binary is its bytes. (A real node of that version asked
 *   with `Accept: application/json` JSON-encodes the serialised reply again, `hb_http:encode_reply/3`; this mode does
 *   not, as before.)
 * - "current": permaweb/HyperBEAM `src/preloaded/codec/dev_json.erl` (7f912a4). `serialize~json@1.0` of a map is
 *   `to/3`: converted through structured@1.0 with `encode-types` atom and binary, so each object carries an
 *   `ao-types` sibling (an RFC 9651 dictionary): booleans become the strings "true"/"false" typed "atom", empty values
 *   are left out and typed "empty-binary", "empty-list" or "empty-message" (`dev_structured` `from/1`), integers past
 *   2^53 become strings typed "integer" (`safe_numbers/2`). Of a scalar it answers 400, and the value is read without
 *   the suffix with `Accept: application/json` as `{"body": <value>}` (both `scalar_http_read_test`).
 */
import type { EncodedState } from "@tim3/local-ao";

export const STATE_JSON_VERSIONS = ["legacy", "current"] as const;
export type StateJson = (typeof STATE_JSON_VERSIONS)[number];

const MAX_SAFE_INTEGER = 9007199254740991;

/** A read's answer: what to send, or the status a node of that version refuses it with. */
export type StateReply = { status: 200; encoded: EncodedState } | { status: 400; reason: string };

/** dev_json `to/3` of a map (or list): values as JSON-native as it keeps them, each object typed in `ao-types`. */
function currentJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (typeof v === "boolean" ? String(v) : currentJson(v)));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  const types: [string, string][] = [];
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === "boolean") {
      out[key] = String(v);
      types.push([key, "atom"]);
    } else if (v === "") types.push([key, "empty-binary"]);
    else if (Array.isArray(v) && v.length === 0) types.push([key, "empty-list"]);
    else if (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0) types.push([key, "empty-message"]);
    else if (typeof v === "number" && Number.isInteger(v) && Math.abs(v) > MAX_SAFE_INTEGER) {
      out[key] = BigInt(v).toString();
      types.push([key, "integer"]);
    } else out[key] = currentJson(v);
  }
  if (types.length > 0) {
    out["ao-types"] = types
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, type]) => `${encodeURIComponent(key)}="${type}"`)
      .join(", ");
  }
  return out;
}

const json = (value: unknown): EncodedState => ({ body: Buffer.from(JSON.stringify(value)), json: true });

/**
 * The answer to a state read in `version`'s JSON, from what the node encodes (libs/local-ao `encodeState`: the
 * legacy answer). `asJson`: the read ended in serialize~json@1.0; `acceptsJson`: it was sent with Accept: application/json.
 */
export function stateReply(version: StateJson, encoded: EncodedState, asJson: boolean, acceptsJson: boolean): StateReply {
  if (version === "legacy") return { status: 200, encoded };
  const value: unknown = encoded.json ? JSON.parse(encoded.body.toString("utf8")) : encoded.body.toString("utf8");
  const scalar = typeof value !== "object" || value === null;
  if (asJson) return scalar ? { status: 400, reason: "serialize~json@1.0 of a scalar (this node follows dev_json: read it without the suffix)" } : { status: 200, encoded: json(currentJson(value)) };
  if (scalar && acceptsJson) return { status: 200, encoded: json({ body: value }) };
  return { status: 200, encoded };
}
