/**
 * Amounts, ratios, ages and times as people read them. Quantities stay exact decimal strings (base units, converted
 * with the token's Denomination) until shown: no floats between the process and the screen.
 */
import { fromBaseUnits } from "@tim3/protocol";

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
 * A non-zero amount that would show as 0 is shown as "<0.000001"; what is not a base-unit quantity as "—".
 */
export function formatAmount(quantity: string, denomination: number, maxDecimals = 6): string {
  if (!/^[0-9]+$/.test(quantity)) return "—";
  const exact = fromBaseUnits(quantity, denomination);
  const [whole, fraction = ""] = exact.split(".");
  const cut = fraction.slice(0, maxDecimals).replace(/0+$/, "");
  if (whole === "0" && cut === "" && /[1-9]/.test(fraction)) return maxDecimals === 0 ? "<1" : `<0.${"0".repeat(maxDecimals - 1)}1`;
  return cut === "" ? group(whole) : `${group(whole)}.${cut}`;
}

/** The exact human amount (no grouping, no cut): what a "Max" button puts into an input. */
export function exactAmount(quantity: string, denomination: number): string {
  return fromBaseUnits(quantity, denomination);
}

/** The whole-unit part of a quantity as a number, for chart axes only (exact below 2^53 whole units). */
export function wholeUnits(quantity: string, denomination: number): number {
  const whole = fromBaseUnits(quantity, denomination).split(".")[0];
  return Number.parseInt(whole, 10);
}

/** Basis points ("9950") as a percentage with two decimals ("99.50%"), by moving the decimal point. */
export function bpsToPercent(bps: string): string {
  const digits = /^[0-9]+$/.test(bps) ? bps.replace(/^0+(?=.)/, "") : "0";
  const padded = digits.padStart(3, "0");
  return `${group(padded.slice(0, -2))}.${padded.slice(-2)}%`;
}

/** A duration in ms as "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h". */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

/** A timestamp (ms since the epoch) as "2026-11-24 14:05:09 UTC". */
export function formatTime(at: number): string {
  if (!Number.isFinite(at) || at <= 0) return "never";
  return new Date(at).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

/** "abcdefgh…wxyz" for long ids in narrow cells (the full id goes in a title). */
export function shortId(id: string | undefined, head = 8, tail = 4): string {
  if (id === undefined || id === "") return "—";
  return id.length <= head + tail + 1 ? id : `${id.slice(0, head)}…${id.slice(-tail)}`;
}
