/**
 * The limits editor: Get-Limits values (base units) as human amounts in a form, and the form checked field by field
 * before anything is signed. Only changed fields are sent (Set-Limits keeps the others). The Coordinator's rules:
 * Min > 0; Max, Holder-Cap and Global-Cap ≥ 0 where "0" means none; Min ≤ Max unless Max is 0; Window-Ms a positive
 * whole number of milliseconds below 10^12 (one window shared by both scopes).
 */
import { Tags, compare, fromBaseUnits } from "@tim3/protocol";
import type { LimitsInput } from "@tim3/sdk";
import { parseAmount } from "@tim3/web";

export interface LimitsForm {
  min: string;
  max: string;
  holderCap: string;
  globalCap: string;
  windowMs: string;
}

export type LimitField = keyof LimitsForm;
type LimitErrors = Partial<Record<LimitField | "form", string>>;
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

/** Checks the form; on success, the Set-Limits input with only the fields that differ from `current`. */
export function validateLimits(form: LimitsForm, denomination: number, current: LimitsTags): LimitsCheck {
  const errors: LimitErrors = {};
  const values: Partial<Record<"min" | "max" | "holderCap" | "globalCap", string>> = {};
  for (const [field] of AMOUNT_FIELDS) {
    // Min must be positive; for the others 0 means none.
    const r = parseAmount(form[field], denomination, { subject: "", zeroMeans: field === "min" ? undefined : "no limit" });
    if (r.ok) values[field] = r.quantity;
    else errors[field] = r.error;
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
