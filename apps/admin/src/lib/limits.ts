/**
 * The limits editor: Get-Limits values (base units) as human amounts in a form, and the form checked field by field
 * before anything is signed. Only changed fields are sent (Set-Limits keeps the others). The Coordinator's rules:
 * Min > 0; Max, Holder-Cap and Global-Cap ≥ 0 where "0" means none; Min ≤ Max unless Max is 0; Window-Ms a positive
 * whole number of milliseconds below 10^12 (one window shared by both scopes).
 */
import { ErrorCodes, Tags, compare, fromBaseUnits, toBaseUnits } from "@tim3/protocol";
import type { LimitsInput } from "@tim3/sdk";

export interface LimitsForm {
  min: string;
  max: string;
  holderCap: string;
  globalCap: string;
  windowMs: string;
}

export type LimitField = keyof LimitsForm;
export type LimitErrors = Partial<Record<LimitField | "form", string>>;
export type LimitsCheck = { ok: true; input: LimitsInput; changed: LimitField[] } | { ok: false; errors: LimitErrors };

/** Get-Limits gives each scope as tags: Min, Max, Holder-Cap, Global-Cap, Window-Ms (base units / ms). */
export type LimitsTags = Record<string, string>;

export const LIMIT_LABEL: Record<LimitField, string> = {
  min: "Minimum per operation",
  max: "Maximum per operation",
  holderCap: "Per-holder cap per window",
  globalCap: "Global cap per window",
  windowMs: "Window (ms)",
};

const AMOUNT_FIELDS: ["min" | "max" | "holderCap" | "globalCap", string][] = [
  ["min", Tags.Min],
  ["max", Tags.Max],
  ["holderCap", Tags.HolderCap],
  ["globalCap", Tags.GlobalCap],
];

const MAX_WINDOW_DIGITS = 12;

export function limitsToForm(current: LimitsTags, denomination: number): LimitsForm {
  const amount = (tag: string) => (/^[0-9]+$/.test(current[tag] ?? "") ? fromBaseUnits(current[tag], denomination) : "");
  return {
    min: amount(Tags.Min),
    max: amount(Tags.Max),
    holderCap: amount(Tags.HolderCap),
    globalCap: amount(Tags.GlobalCap),
    windowMs: current[Tags.WindowMs] ?? "",
  };
}

function amountError(text: string, denomination: number, positive: boolean): { error: string } | { value: string } {
  const t = text.trim();
  if (t === "") return { error: positive ? "Enter an amount" : "Enter an amount (0 = no limit)" };
  if (t.includes(",")) return { error: "Use a dot for decimals and no thousands separators" };
  if (t.startsWith("-")) return { error: "Must not be negative" };
  const r = toBaseUnits(t, denomination);
  if (!r.ok) {
    if (r.code === ErrorCodes.TooPrecise) return { error: `At most ${denomination} decimal places` };
    if (r.code === ErrorCodes.TooLarge) return { error: "Too large" };
    return { error: "Enter a plain number like 12.5" };
  }
  if (positive && r.value === "0") return { error: "Must be greater than 0" };
  return { value: r.value };
}

/** Checks the form; on success, the Set-Limits input with only the fields that differ from `current`. */
export function validateLimits(form: LimitsForm, denomination: number, current: LimitsTags): LimitsCheck {
  const errors: LimitErrors = {};
  const values: Partial<Record<"min" | "max" | "holderCap" | "globalCap", string>> = {};
  for (const [field] of AMOUNT_FIELDS) {
    const r = amountError(form[field], denomination, field === "min");
    if ("error" in r) errors[field] = r.error;
    else values[field] = r.value;
  }
  let windowMs: number | undefined;
  const w = form.windowMs.trim();
  if (!/^[0-9]+$/.test(w)) errors.windowMs = "Whole milliseconds, e.g. 86400000 for a day";
  else if (/^0+$/.test(w)) errors.windowMs = "Must be greater than 0";
  else if (w.replace(/^0+/, "").length > MAX_WINDOW_DIGITS) errors.windowMs = "Must be below 10^12 ms";
  else windowMs = Number(w);
  if (values.min !== undefined && values.max !== undefined && values.max !== "0" && compare(values.min, values.max) > 0) {
    errors.max = "Must not be below the minimum (or 0 for none)";
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const input: LimitsInput = {};
  const changed: LimitField[] = [];
  for (const [field, tag] of AMOUNT_FIELDS) {
    if (values[field] !== current[tag]) {
      input[field] = values[field];
      changed.push(field);
    }
  }
  if (String(windowMs) !== current[Tags.WindowMs]) {
    input.windowMs = windowMs;
    changed.push("windowMs");
  }
  if (changed.length === 0) return { ok: false, errors: { form: "Nothing changed" } };
  return { ok: true, input, changed };
}

/** "0" limits read "none". */
export function describeLimit(quantity: string | undefined, format: (q: string) => string): string {
  if (quantity === undefined || quantity === "") return "—";
  return quantity === "0" ? "none" : format(quantity);
}
