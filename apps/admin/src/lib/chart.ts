/**
 * Get-History points → chart rows. Amounts become JS numbers here and only here, for plotting: the axis needs
 * numbers, and a chart's pixel is far coarser than the rounding (every figure a person reads stays exact).
 */
import { fromBaseUnits } from "@tim3/protocol";
import type { HistoryPoint } from "@tim3/sdk";

export interface ChartRow {
  at: number;
  supply: number;
  collateral: number;
  health: number;
  /** Reserve ratio in percent (collateral / supply). */
  ratio: number;
}

export function plotNumber(quantity: string, denomination: number): number {
  if (!/^[0-9]+$/.test(quantity)) return 0;
  return Number(fromBaseUnits(quantity, denomination));
}

/** Oldest first, one row per point; malformed points are dropped rather than plotted as zeros. */
export function chartRows(points: HistoryPoint[], denomination: number): ChartRow[] {
  return points
    .filter((p) => Number.isFinite(p.at) && /^[0-9]+$/.test(p.supply) && /^[0-9]+$/.test(p.collateral))
    .slice()
    .sort((a, b) => a.at - b.at)
    .map((p) => ({
      at: p.at,
      supply: plotNumber(p.supply, denomination),
      collateral: plotNumber(p.collateral, denomination),
      health: Math.max(0, Math.min(100, Number(p.health) || 0)),
      ratio: /^[0-9]+$/.test(p.ratioBps) ? Number(p.ratioBps) / 100 : 0,
    }));
}
