import { describe, expect, it } from "vitest";
import { chartRows, plotNumber } from "../src/lib/chart";

describe("history chart rows", () => {
  it("maps base units to plotted numbers, oldest first, ratio in percent", () => {
    const rows = chartRows(
      [
        { at: 2000, supply: "25500000000000", collateral: "25500000000000", ratioBps: "10000", health: 100 },
        { at: 1000, supply: "0", collateral: "25500000000000", ratioBps: "0", health: 90 },
      ],
      12,
    );
    expect(rows).toEqual([
      { at: 1000, supply: 0, collateral: 25.5, health: 90, ratio: 0 },
      { at: 2000, supply: 25.5, collateral: 25.5, health: 100, ratio: 100 },
    ]);
  });

  it("drops malformed points and clamps health", () => {
    const rows = chartRows(
      [
        { at: 1, supply: "x", collateral: "1", ratioBps: "1", health: 1 },
        { at: 2, supply: "1000000000000", collateral: "1000000000000", ratioBps: "10000", health: 140 },
      ],
      12,
    );
    expect(rows).toEqual([{ at: 2, supply: 1, collateral: 1, health: 100, ratio: 100 }]);
  });

  it("keeps fractions for small amounts", () => {
    expect(plotNumber("1500000000", 12)).toBe(0.0015);
    expect(plotNumber("", 12)).toBe(0);
  });
});
