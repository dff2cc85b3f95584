/**
 * Amounts typed by a holder ("12.5"), converted exactly with the token's Denomination (amounts shown: @tim3/web).
 * Everything stays a decimal string: no floats anywhere between the input box and the message tag.
 */
import { ErrorCodes, compare, toBaseUnits } from "@tim3/protocol";
import { formatAmount } from "@tim3/web";

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
    const tooPrecise = converted.code === ErrorCodes.TooPrecise;
    return {
      ok: false,
      error: tooPrecise
        ? `At most ${denomination} decimal places`
        : converted.code === ErrorCodes.TooLarge
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
