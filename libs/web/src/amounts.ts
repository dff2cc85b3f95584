/**
 * Amounts typed by a person ("12.5"), checked and converted exactly with the token's Denomination (amounts shown:
 * format.ts). Everything stays a decimal string: no floats between the input box and the message tag. Why a
 * conversion failed comes from libs/protocol's error codes, never from the wording of its message.
 */
import { ErrorCodes, compare, toBaseUnits } from "@tim3/protocol";
import { formatAmount } from "./format";

export type AmountCheck = { ok: true; quantity: string } | { ok: false; error: string };

export interface AmountRules {
  /** Base units the holder has; an amount above it is refused. Omit when unknown. */
  balance?: string;
  /** "USDA" / "TIM3", used in messages. */
  symbol?: string;
  /** Smallest and largest base-unit quantities allowed (Coordinator limits); "0" or omitted means none. */
  min?: string;
  max?: string;
  /** Accept 0 and say what it means (a limit where 0 is "no limit"); by default 0 is refused. */
  zeroMeans?: string;
  /**
   * What the messages call the amount: "The amount" (the default) under a lone amount input; "" beside a labelled
   * field in a form of several ("Must be greater than 0").
   */
  subject?: string;
}

/** Checks a typed amount and converts it to base units; the error is a sentence to show with the input. */
export function parseAmount(input: string, denomination: number, rules: AmountRules = {}): AmountCheck {
  const subject = rules.subject ?? "The amount";
  const zeroAllowed = rules.zeroMeans !== undefined;
  const refuse = (error: string): AmountCheck => ({ ok: false, error });
  const say = (rest: string) => refuse(subject === "" ? rest[0].toUpperCase() + rest.slice(1) : `${subject} ${rest}`);
  const text = input.trim();
  if (text === "") return refuse(zeroAllowed ? `Enter an amount (0 = ${rules.zeroMeans})` : "Enter an amount");
  if (text.includes(",")) return refuse("Use a dot for decimals and no thousands separators");
  if (text.startsWith("-")) return say(zeroAllowed ? "must not be negative" : "must be positive");
  const converted = toBaseUnits(text, denomination);
  if (!converted.ok) {
    if (converted.code === ErrorCodes.TooPrecise) return refuse(`At most ${denomination} decimal places`);
    if (converted.code === ErrorCodes.TooLarge) return subject === "" ? refuse("Too large") : say("is too large");
    return refuse("Enter a plain number like 12.5");
  }
  const quantity = converted.value;
  const symbol = rules.symbol ? ` ${rules.symbol}` : "";
  if (quantity === "0" && !zeroAllowed) return say("must be greater than 0");
  if (rules.min !== undefined && rules.min !== "0" && compare(quantity, rules.min) < 0) {
    return refuse(`The minimum is ${formatAmount(rules.min, denomination)}${symbol}`);
  }
  if (rules.max !== undefined && rules.max !== "0" && compare(quantity, rules.max) > 0) {
    return refuse(`The maximum is ${formatAmount(rules.max, denomination)}${symbol}`);
  }
  if (rules.balance !== undefined && compare(quantity, rules.balance) > 0) {
    return refuse(`More than your balance of ${formatAmount(rules.balance, denomination)}${symbol}`);
  }
  return { ok: true, quantity };
}
