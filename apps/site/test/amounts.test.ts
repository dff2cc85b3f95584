import { describe, expect, it } from "vitest";
import { bpsToPercent, exactAmount, formatAmount, parseAmount, wholeUnits } from "../src/lib/amounts";

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

describe("formatAmount", () => {
  it("groups thousands and cuts (never rounds) decimals", () => {
    expect(formatAmount("0", D)).toBe("0");
    expect(formatAmount("1234567890000000", D)).toBe("1,234.56789");
    expect(formatAmount("1999999999999", D)).toBe("1.999999");
    expect(formatAmount("1999999999999", D, 12)).toBe("1.999999999999");
    expect(formatAmount("1000000000000000000", D)).toBe("1,000,000");
    expect(formatAmount("1", D)).toBe("<0.000001");
    expect(formatAmount("25500000000000", D)).toBe("25.5");
  });

  it("round-trips with parseAmount through exactAmount", () => {
    for (const q of ["1", "12500000000000", "123456789012345678901234567890"]) {
      expect(parseAmount(exactAmount(q, D), D)).toEqual({ ok: true, quantity: q });
    }
  });
});

describe("bpsToPercent and wholeUnits", () => {
  it("moves the decimal point", () => {
    expect(bpsToPercent("10000")).toBe("100.00%");
    expect(bpsToPercent("9950")).toBe("99.50%");
    expect(bpsToPercent("5")).toBe("0.05%");
    expect(bpsToPercent("0")).toBe("0.00%");
    expect(bpsToPercent("1234567")).toBe("12,345.67%");
  });
  it("takes the whole part for chart axes", () => {
    expect(wholeUnits("25500000000000", D)).toBe(25);
    expect(wholeUnits("0", D)).toBe(0);
  });
});
