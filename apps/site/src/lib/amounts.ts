/**
 * Amounts typed by a holder ("12.5") and amounts shown to one, converted exactly with the token's Denomination.
 * Everything stays a decimal string: no floats anywhere between the input box and the message tag.
 */
import { compare, fromBaseUnits, toBaseUnits } from "@tim3/protocol";

export type AmountCheck = { ok: true; quantity: string } | { ok: false; error: string };

export interface AmountRules {
  /** Base units the holder has; an amount above it is refused. Omit when unknown. */
  balance?: string;
  /** "USDA" / "TIM3", used in messages. */
  symbol?: string;
  /** Smallest and largest base-unit quantities allowed (Coordinator limits); "0" or omitted means none. */
  min?: string;
  max?: string;
}

/** Checks a typed amount and converts it to base units; the error is a sentence to show under the input. */
export function parseAmount(input: string, denomination: number, rules: AmountRules = {}): AmountCheck {
  const text = input.trim();
  if (text === "") return { ok: false, error: "Enter an amount" };
  if (text.includes(",")) return { ok: false, error: "Use a dot for decimals and no thousands separators, e.g. 1234.5" };
  if (text.startsWith("-")) return { ok: false, error: "The amount must be positive" };
  const converted = toBaseUnits(text, denomination);
  if (!converted.ok) {
    const tooPrecise = converted.error.includes("decimal places");
    return {
      ok: false,
      error: tooPrecise
        ? `At most ${denomination} decimal places`
        : converted.error.includes("2^256")
          ? "The amount is too large"
          : "Enter a plain number like 12.5",
    };
  }
  const quantity = converted.value;
  const symbol = rules.symbol ? ` ${rules.symbol}` : "";
  if (quantity === "0") return { ok: false, error: "The amount must be greater than 0" };
  if (rules.min !== undefined && rules.min !== "0" && compare(quantity, rules.min) < 0) {
    return { ok: false, error: `The minimum is ${formatAmount(rules.min, denomination)}${symbol}` };
  }
  if (rules.max !== undefined && rules.max !== "0" && compare(quantity, rules.max) > 0) {
    return { ok: false, error: `The maximum is ${formatAmount(rules.max, denomination)}${symbol}` };
  }
  if (rules.balance !== undefined && compare(quantity, rules.balance) > 0) {
    return { ok: false, error: `More than your balance of ${formatAmount(rules.balance, denomination)}${symbol}` };
  }
  return { ok: true, quantity };
}

function group(whole: string): string {
  let out = "";
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) out += ",";
    out += whole[i];
  }
  return out;
}

/**
 * "1234567890000000" at 12 → "1,234.56789" (thousands grouped; decimals cut, never rounded, to `maxDecimals`).
 * A non-zero amount that would show as 0 is shown as "<0.000001".
 */
export function formatAmount(quantity: string, denomination: number, maxDecimals = 6): string {
  const exact = fromBaseUnits(quantity, denomination);
  const [whole, fraction = ""] = exact.split(".");
  let cut = fraction.slice(0, maxDecimals).replace(/0+$/, "");
  if (whole === "0" && cut === "" && fraction !== "") {
    cut = "";
    return maxDecimals === 0 ? "<1" : `<0.${"0".repeat(maxDecimals - 1)}1`;
  }
  return cut === "" ? group(whole) : `${group(whole)}.${cut}`;
}

/** The exact human amount (no grouping, no cut): what a "Max" button puts into an input. */
export function exactAmount(quantity: string, denomination: number): string {
  return fromBaseUnits(quantity, denomination);
}

/** Basis points ("9950") as a percentage with two decimals ("99.50%"), by moving the decimal point. */
export function bpsToPercent(bps: string): string {
  const digits = /^[0-9]+$/.test(bps) ? bps.replace(/^0+(?=.)/, "") : "0";
  const padded = digits.padStart(3, "0");
  return `${group(padded.slice(0, -2))}.${padded.slice(-2)}%`;
}

/** The whole-unit part of a quantity as a number, for chart axes only (exact below 2^53 whole units). */
export function wholeUnits(quantity: string, denomination: number): number {
  const whole = fromBaseUnits(quantity, denomination).split(".")[0];
  return Number.parseInt(whole, 10);
}
