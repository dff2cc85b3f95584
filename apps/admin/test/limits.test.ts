import { describe, expect, it } from "vitest";
import { Tags } from "@tim3/protocol";
import { limitsToForm, validateLimits, type LimitsForm } from "../src/lib/limits";

const D = 12;
const current = { [Tags.Min]: "1", [Tags.Max]: "0", [Tags.HolderCap]: "0", [Tags.GlobalCap]: "0", [Tags.WindowMs]: "86400000" };
const form = (over: Partial<LimitsForm> = {}): LimitsForm => ({ ...limitsToForm(current, D), ...over });

describe("limits form", () => {
  it("shows base units as exact human amounts", () => {
    expect(limitsToForm({ ...current, [Tags.Max]: "5000000000000" }, D)).toEqual({
      min: "0.000000000001",
      max: "5",
      holderCap: "0",
      globalCap: "0",
      windowMs: "86400000",
    });
  });

  it("sends only what changed, in base units", () => {
    const r = validateLimits(form({ max: "5" }), D, current);
    expect(r).toEqual({ ok: true, input: { max: "5000000000000" }, changed: ["max"] });
    const w = validateLimits(form({ windowMs: "3600000", globalCap: "1000.5" }), D, current);
    expect(w).toEqual({ ok: true, input: { globalCap: "1000500000000000", windowMs: 3600000 }, changed: ["globalCap", "windowMs"] });
  });

  it("refuses an unchanged form", () => {
    expect(validateLimits(form(), D, current)).toEqual({ ok: false, errors: { form: "Nothing changed" } });
  });

  it("checks every field inline", () => {
    const r = validateLimits(form({ min: "0", max: "1.2.3", holderCap: "", globalCap: "-1", windowMs: "1.5" }), D, current);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      min: "Must be greater than 0",
      max: "Enter a plain number like 12.5",
      holderCap: "Enter an amount (0 = no limit)",
      globalCap: "Must not be negative",
      windowMs: "Whole milliseconds, e.g. 86400000 for a day",
    });
  });

  it("refuses too many decimals, separators, a zero or huge window", () => {
    const r = validateLimits(form({ max: "0.0000000000001", globalCap: "1,000", windowMs: "0" }), D, current);
    expect(!r.ok && r.errors).toEqual({ max: "At most 12 decimal places", globalCap: "Use a dot for decimals and no thousands separators", windowMs: "Must be greater than 0" });
    const big = validateLimits(form({ windowMs: "1000000000000" }), D, current);
    expect(!big.ok && big.errors.windowMs).toBe("Must be below 10^12 ms");
  });

  it("keeps Min ≤ Max unless Max is 0 (none)", () => {
    const r = validateLimits(form({ min: "10", max: "5" }), D, current);
    expect(!r.ok && r.errors.max).toBe("Must not be below the minimum (or 0 for none)");
    expect(validateLimits(form({ min: "10", max: "0" }), D, current).ok).toBe(true);
    expect(validateLimits(form({ min: "5", max: "5" }), D, current).ok).toBe(true);
  });
});
