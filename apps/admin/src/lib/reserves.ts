/** How the reporters' freshness and the circuit are presented (health levels: @tim3/web). Pure, so it is unit-tested. */
import type { Reserves } from "@tim3/sdk";

export interface Reporter {
  key: "supply" | "collateral" | "operations";
  process: string;
  reports: string;
  at: number;
  ageMs: number | undefined;
  state: "fresh" | "stale" | "never";
}

/**
 * Each reporter's last report to the State Manager and whether it counts as fresh there: it has reported, and
 * reports are not stale (operations pending longer than the stale limit).
 */
export function reporters(r: Pick<Reserves, "reportedAt" | "stale">, now: number): Reporter[] {
  const at = r.reportedAt ?? { supply: 0, collateral: 0, operations: 0 };
  const rows: [Reporter["key"], string, string][] = [
    ["supply", "Token Manager", "TIM3 supply"],
    ["collateral", "Lock Manager", "USDA locked"],
    ["operations", "Coordinator", "operations in flight"],
  ];
  return rows.map(([key, process, reports]) => {
    const t = Number(at[key]) || 0;
    return {
      key,
      process,
      reports,
      at: t,
      ageMs: t > 0 ? Math.max(0, now - t) : undefined,
      state: t <= 0 ? "never" : r.stale ? "stale" : "fresh",
    };
  });
}

export interface CircuitView {
  mint: "open" | "paused";
  redeem: "open" | "paused";
  reason: string;
  tripped: boolean;
  /** What the admin can do about an automatic trip ("" when none). */
  remedy: string;
}

export function circuitView(c: Reserves["circuit"] | undefined): CircuitView | undefined {
  if (c === undefined) return undefined;
  return { mint: c.mintPaused ? "paused" : "open", redeem: c.redeemPaused ? "paused" : "open", reason: c.reason ?? "", tripped: c.tripped === true, remedy: c.remedy ?? "" };
}
