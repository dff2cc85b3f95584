/**
 * The compact form of `ProcessCore.counted` for a process's messages (issue 24: nothing a stranger does for free is
 * kept for good, beyond what exactly-once needs). A relayed message's identity is From + "#" + aos's `Reference`
 * (core.ts, `messageIdentity`), and aos writes Reference as a counter in decimal (permaweb/aos process/ao.lua,
 * `ao.send`: `ao.reference = ao.reference + 1`, `tostring`). Such an identity is kept as one bit: per sender, word
 * floor(Reference / 30) holds bit Reference % 30. It is the same set as the strings, for good and never evicted, so
 * the argument of PROTOCOL.md ("What a message is") is unchanged; it costs one bit where a sender's counted messages
 * are dense (a stranger's round trips, one after another) and one small word where they are sparse (USDA on mainnet,
 * which counts its messages to every target), instead of a string of about 50 characters each.
 *
 * A Reference written any other way (leading zeros, not digits, more than 15 digits) keeps the string form, so two
 * distinct References never share a bit: "7" and "007" are different identities, and only the first is a bit.
 */
import { toSmallInteger } from "@tim3/protocol";

/** Bits per word: 2^30 stays exact under JS's 32-bit bitwise operators and Lua 5.3's integers alike. */
const WORD_BITS = 30;
/** 10^15 < 2^53: exact as a JS number and as a Lua integer. */
const MAX_REFERENCE_DIGITS = 15;

/** Sender → word number (decimal) → its bits. String keys, so the state still encodes as JSON in aos. */
export type CountedReferences = Record<string, Record<string, number>>;

/** A Reference as aos writes it, as a number; undefined for any other form (it keeps the string identity). */
export function referenceNumber(reference: string | undefined): number | undefined {
  if (reference === undefined || reference.length === 0 || reference.length > MAX_REFERENCE_DIGITS) return undefined;
  if (reference.length > 1 && reference.charCodeAt(0) === 48) return undefined;
  for (let i = 0; i < reference.length; i++) {
    const c = reference.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return toSmallInteger(reference);
}

function wordOf(reference: number): string {
  return String(Math.floor(reference / WORD_BITS));
}

function bitOf(reference: number): number {
  return 1 << (reference % WORD_BITS);
}

export function addReference(set: CountedReferences, sender: string, reference: number): void {
  let words = set[sender];
  if (words === undefined) {
    words = {};
    set[sender] = words;
  }
  const word = wordOf(reference);
  words[word] = (words[word] ?? 0) | bitOf(reference);
}

export function hasReference(set: CountedReferences | undefined, sender: string, reference: number): boolean {
  const words = set?.[sender];
  if (words === undefined) return false;
  const bits = words[wordOf(reference)];
  return bits !== undefined && (bits & bitOf(reference)) !== 0;
}
