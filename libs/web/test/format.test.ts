import { describe, expect, it } from "vitest";
import { bpsToPercent, exactAmount, formatAge, formatAmount, formatTime, shortId, wholeUnits } from "../src/format";

const D = 12;

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

describe("formatting", () => {
  it("formats exact amounts, ratios, ages and times", () => {
    expect(formatAmount("1234567890000000", 12)).toBe("1,234.56789");
    expect(formatAmount("1", 12)).toBe("<0.000001");
    expect(bpsToPercent("9950")).toBe("99.50%");
    expect(formatAge(45_000)).toBe("45 s");
    expect(formatAge(200_000)).toBe("3 min 20 s");
    expect(formatAge(7_500_000)).toBe("2 h 5 min");
    expect(formatTime(Date.UTC(2026, 10, 24, 14, 5, 9))).toBe("2026-11-24 14:05:09 UTC");
    expect(formatTime(0)).toBe("never");
  });
});

describe("exactAmount and shortId", () => {
  it("shows the exact amount, and long ids cut in the middle", () => {
    expect(exactAmount("25500000000000", D)).toBe("25.5");
    expect(formatAmount("not a quantity", D)).toBe("—");
    expect(shortId("abcdefghijklmnopqrstuvwxyz", 6, 4)).toBe("abcdef…wxyz");
    expect(shortId(undefined)).toBe("—");
  });
});
