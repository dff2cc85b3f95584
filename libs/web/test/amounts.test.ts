import { describe, expect, it } from "vitest";
import { parseAmount } from "../src/amounts";
import { exactAmount } from "../src/format";

const D = 12;

describe("parseAmount", () => {
  it("converts human amounts to base units exactly", () => {
    expect(parseAmount("12.5", D)).toEqual({ ok: true, quantity: "12500000000000" });
    expect(parseAmount(" 1 ", D)).toEqual({ ok: true, quantity: "1000000000000" });
    expect(parseAmount("0.000000000001", D)).toEqual({ ok: true, quantity: "1" });
    expect(parseAmount(".5", D)).toEqual({ ok: true, quantity: "500000000000" });
    expect(parseAmount("0.1", D)).toEqual({ ok: true, quantity: "100000000000" });
    // well beyond 2^53: still exact
    expect(parseAmount("123456789012345678.123456789012", D)).toEqual({ ok: true, quantity: "123456789012345678123456789012" });
  });

  it("refuses what is not a plain positive decimal, with a sentence to show", () => {
    expect(parseAmount("", D)).toEqual({ ok: false, error: "Enter an amount" });
    expect(parseAmount("1.2.3", D)).toEqual({ ok: false, error: "Enter a plain number like 12.5" });
    expect(parseAmount("1e3", D)).toEqual({ ok: false, error: "Enter a plain number like 12.5" });
    expect(parseAmount("-1", D)).toEqual({ ok: false, error: "The amount must be positive" });
    expect(parseAmount("1,000", D).ok).toBe(false);
    expect(parseAmount("0", D)).toEqual({ ok: false, error: "The amount must be greater than 0" });
    expect(parseAmount("0.0000000000001", D)).toEqual({ ok: false, error: "At most 12 decimal places" });
    expect(parseAmount("9".repeat(80), D)).toEqual({ ok: false, error: "The amount is too large" });
  });

  it("checks the balance and the limits exactly", () => {
    const balance = "100000000000000"; // 100
    expect(parseAmount("100", D, { balance, symbol: "USDA" }).ok).toBe(true);
    expect(parseAmount("100.000000000001", D, { balance, symbol: "USDA" })).toEqual({ ok: false, error: "More than your balance of 100 USDA" });
    expect(parseAmount("0.5", D, { min: "1000000000000", symbol: "USDA" })).toEqual({ ok: false, error: "The minimum is 1 USDA" });
    expect(parseAmount("20", D, { max: "10000000000000", symbol: "TIM3" })).toEqual({ ok: false, error: "The maximum is 10 TIM3" });
    expect(parseAmount("20", D, { min: "0", max: "0" }).ok).toBe(true);
  });
});

describe("parseAmount and exactAmount", () => {
  it("round-trips with parseAmount through exactAmount", () => {
    for (const q of ["1", "12500000000000", "123456789012345678901234567890"]) {
      expect(parseAmount(exactAmount(q, D), D)).toEqual({ ok: true, quantity: q });
    }
  });
});

describe("parseAmount in a form of labelled fields", () => {
  const field = { subject: "" };
  const limit = { subject: "", zeroMeans: "no limit" };

  it("words each refusal for the field it stands beside", () => {
    expect(parseAmount("0", D, field)).toEqual({ ok: false, error: "Must be greater than 0" });
    expect(parseAmount("-1", D, field)).toEqual({ ok: false, error: "Must be positive" });
    expect(parseAmount("9".repeat(80), D, field)).toEqual({ ok: false, error: "Too large" });
    expect(parseAmount("1,000", D, field)).toEqual({ ok: false, error: "Use a dot for decimals and no thousands separators" });
  });

  it("accepts 0 where it means something, and says so when the field is empty", () => {
    expect(parseAmount("0", D, limit)).toEqual({ ok: true, quantity: "0" });
    expect(parseAmount("", D, limit)).toEqual({ ok: false, error: "Enter an amount (0 = no limit)" });
    expect(parseAmount("-1", D, limit)).toEqual({ ok: false, error: "Must not be negative" });
    expect(parseAmount("0.0000000000001", D, limit)).toEqual({ ok: false, error: "At most 12 decimal places" });
  });
});
