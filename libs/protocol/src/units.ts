/**
 * Human amounts ("12.5") <-> base units ("12500000000000" at Denomination 12), exactly, as strings.
 */
import { ErrorCodes } from "./errors";
import { parseQuantity, type QuantityResult } from "./quantity";

const DOT = 46;
const ZERO_CODE = 48;
const NINE_CODE = 57;

/** "12.5" at denomination 12 → "12500000000000". Refuses signs, exponents, spaces and too many decimals. */
export function toBaseUnits(human: string, denomination: number): QuantityResult {
  if (human === "") return { ok: false, error: "Amount is required", code: ErrorCodes.Missing };
  let whole = "";
  let fraction = "";
  let seenDot = false;
  for (let i = 0; i < human.length; i++) {
    const c = human.charCodeAt(i);
    if (c === DOT && !seenDot) {
      seenDot = true;
    } else if (c >= ZERO_CODE && c <= NINE_CODE) {
      if (seenDot) fraction = fraction + human.substring(i, i + 1);
      else whole = whole + human.substring(i, i + 1);
    } else {
      return { ok: false, error: "Amount must be a plain decimal number like 12.5", code: ErrorCodes.Malformed };
    }
  }
  if (whole === "" && fraction === "") return { ok: false, error: "Amount must be a plain decimal number like 12.5", code: ErrorCodes.Malformed };
  if (fraction.length > denomination) {
    return { ok: false, error: "Amount has more than " + denomination + " decimal places", code: ErrorCodes.TooPrecise };
  }
  while (fraction.length < denomination) fraction = fraction + "0";
  let digits = whole + fraction;
  let start = 0;
  while (start < digits.length - 1 && digits.charCodeAt(start) === ZERO_CODE) start++;
  digits = digits.substring(start);
  return parseQuantity(digits, "Amount", false);
}

/** "12500000000000" at denomination 12 → "12.5"; trailing zeros of the fraction are dropped. */
export function fromBaseUnits(quantity: string, denomination: number): string {
  let padded = quantity;
  while (padded.length <= denomination) padded = "0" + padded;
  const whole = padded.substring(0, padded.length - denomination);
  let fraction = padded.substring(padded.length - denomination);
  let end = fraction.length;
  while (end > 0 && fraction.charCodeAt(end - 1) === ZERO_CODE) end--;
  fraction = fraction.substring(0, end);
  return fraction === "" ? whole : whole + "." + fraction;
}
