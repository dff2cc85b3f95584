/**
 * Quantities are strings of decimal digits: no sign, point, exponent, whitespace or leading zeros ("0" alone is
 * allowed), at most 2^256 - 1. Arithmetic is exact, digit by digit on those strings, so this one file behaves the same
 * in Node and, compiled by typescript-to-lua, inside the aos Lua runtime (no BigInt, no bint, no floats, no RegExp).
 */

import { ErrorCodes, type Failure } from "./errors";

export const MAX_QUANTITY = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
const MAX_DIGITS = 78;
const ZERO_CODE = 48;
const NINE_CODE = 57;

export type QuantityResult = { ok: true; value: string } | Failure;

function describe(input: string): string {
  return input.length > 40 ? '"' + input.substring(0, 40) + '..."' : '"' + input + '"';
}

/** Checks the shape and range of a quantity tag. `positive` also refuses "0" (for anything that moves funds). */
export function parseQuantity(input: unknown, name: string, positive: boolean): QuantityResult {
  if (input === undefined || input === null || input === "") {
    return { ok: false, error: name + " is required", code: ErrorCodes.Missing };
  }
  if (typeof input !== "string") {
    return { ok: false, error: name + " must be a string of decimal digits", code: ErrorCodes.Malformed };
  }
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c < ZERO_CODE || c > NINE_CODE) {
      return { ok: false, error: name + " must contain only the digits 0-9 (got " + describe(input) + ")", code: ErrorCodes.Malformed };
    }
  }
  if (n > 1 && input.charCodeAt(0) === ZERO_CODE) {
    return { ok: false, error: name + " must not have leading zeros (got " + describe(input) + ")", code: ErrorCodes.Malformed };
  }
  if (n > MAX_DIGITS || (n === MAX_DIGITS && input > MAX_QUANTITY)) {
    return { ok: false, error: name + " must be at most 2^256-1", code: ErrorCodes.TooLarge };
  }
  if (positive && input === "0") {
    return { ok: false, error: name + " must be greater than 0", code: ErrorCodes.NotPositive };
  }
  return { ok: true, value: input };
}

/**
 * A quantity as a token notice may carry it: tokens that parse with bint (the aos blueprint) accept and repeat
 * leading zeros ("007" moves 7). Leading zeros are dropped, then the canonical rules apply. Used only on amounts a
 * token has already moved, never on what a holder asks for.
 */
export function parseNoticeQuantity(input: unknown, name: string): QuantityResult {
  if (typeof input === "string" && input.length > 1 && input.charCodeAt(0) === ZERO_CODE) {
    let i = 0;
    while (i < input.length - 1 && input.charCodeAt(i) === ZERO_CODE) i++;
    return parseQuantity(input.substring(i), name, true);
  }
  return parseQuantity(input, name, true);
}

/** -1, 0 or 1. Both sides must be valid (normalised) quantities of any length. */
export function compare(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function digitAt(s: string, fromRight: number): number {
  const i = s.length - 1 - fromRight;
  return i >= 0 ? s.charCodeAt(i) - ZERO_CODE : 0;
}

function joinReversed(digits: number[]): string {
  let end = digits.length - 1;
  while (end > 0 && digits[end] === 0) end--;
  let out = "";
  for (let i = end; i >= 0; i--) out = out + String.fromCharCode(digits[i] + ZERO_CODE);
  return out;
}

/** Exact sum; may exceed 2^256-1, check with `exceedsMax` before storing it. */
export function add(a: string, b: string): string {
  const n = a.length > b.length ? a.length : b.length;
  const digits: number[] = [];
  let carry = 0;
  for (let i = 0; i < n; i++) {
    let d = digitAt(a, i) + digitAt(b, i) + carry;
    if (d >= 10) {
      d = d - 10;
      carry = 1;
    } else {
      carry = 0;
    }
    digits.push(d);
  }
  if (carry > 0) digits.push(carry);
  return joinReversed(digits);
}

/** Exact difference a - b; throws if b > a (callers check first: a negative quantity is a bug, not an input). */
export function sub(a: string, b: string): string {
  if (compare(a, b) < 0) throw new Error("quantity underflow: " + a + " - " + b);
  const digits: number[] = [];
  let borrow = 0;
  for (let i = 0; i < a.length; i++) {
    let d = digitAt(a, i) - digitAt(b, i) - borrow;
    if (d < 0) {
      d = d + 10;
      borrow = 1;
    } else {
      borrow = 0;
    }
    digits.push(d);
  }
  return joinReversed(digits);
}

export function exceedsMax(a: string): boolean {
  return compare(a, MAX_QUANTITY) > 0;
}

/** a * 10^k */
function shiftLeft(a: string, k: number): string {
  if (a === "0") return "0";
  let out = a;
  for (let i = 0; i < k; i++) out = out + "0";
  return out;
}

/** floor(a / b) for b > 0, by schoolbook long division on the digit strings. */
export function divide(a: string, b: string): string {
  if (b === "0") throw new Error("quantity division by zero");
  let remainder = "0";
  let quotient = "";
  for (let i = 0; i < a.length; i++) {
    remainder = remainder === "0" ? a.substring(i, i + 1) : remainder + a.substring(i, i + 1);
    let q = 0;
    while (compare(remainder, b) >= 0) {
      remainder = sub(remainder, b);
      q++;
    }
    if (quotient !== "" || q > 0) quotient = quotient + String.fromCharCode(q + ZERO_CODE);
  }
  return quotient === "" ? "0" : quotient;
}

/** floor(part * 10000 / whole): a ratio in basis points (10000 = 100%). A zero whole counts as fully backed. */
export function ratioBasisPoints(part: string, whole: string): string {
  if (whole === "0") return "10000";
  return divide(shiftLeft(part, 4), whole);
}

/** Small non-negative integers (counts, basis points, timestamps) as quantity strings, without "1.0" surprises. */
export function fromInteger(n: number): string {
  if (n < 0 || n !== Math.floor(n)) throw new Error("not a non-negative integer: " + n);
  if (n === 0) return "0";
  let out = "";
  let rest = n;
  while (rest > 0) {
    const d = rest % 10;
    out = String.fromCharCode(d + ZERO_CODE) + out;
    rest = Math.floor(rest / 10);
  }
  return out;
}

/** A quantity string as a number, for quantities known to be small (limits below 2^53, counts). */
export function toSmallInteger(a: string): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n = n * 10 + (a.charCodeAt(i) - ZERO_CODE);
  return n;
}
