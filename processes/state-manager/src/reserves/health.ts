/**
 * Reserves and the health score (0-100, integers only):
 *
 *   backing   50  collateral >= supply                          → 50
 *                 deficit <= redeems in flight (burn pending)   → 40
 *                 a deficit beyond in-flight redeems            → 0
 *                 USDA reports less than the ledger counted     → 0
 *                 any release disputed (and no worse)           → at most 40
 *   in-flight 20  oldest pending operation younger than 1 min   → 20; younger than stale-after → 10; else 0
 *   freshness 20  each of the three reporters (Token Manager, Lock Manager, Coordinator) that is fresh gives
 *                 a third (20, 13, 6, 0): fresh = it has reported, and it is not silent while operations older
 *                 than stale-after are pending
 *   pause     10  nothing paused → 10; Mint or Redeem paused → 5; both → 0
 *
 * The breaker trips Mint by itself when a release is disputed (Redeem too), the backing is broken beyond in-flight
 * redeems, USDA reports less than the Lock Manager's ledger, or reports are stale (see ./breaker.ts). `now` is the timestamp of the message
 * being handled, reads included: staleness never waits for a report.
 */
import { compare, ratioBasisPoints, sub } from "@tim3/protocol";
import type { StateManagerState } from "../state";

const FRESH_PENDING_MS = 60_000;

/** One reading of the books (what the Get-Reserves and Get-Health replies are built from; the replies are libs/protocol's). */
export interface ReservesReading {
  supply: string;
  collateral: string;
  ratioBps: string;
  surplus: string;
  /** USDA the Lock Manager holds beyond what it holds for TIM3 (arrived outside the protocol); "0" until synced. */
  outsideSurplus: string;
  /** The ledger the balance reading is compared with ("" until synced). */
  heldLedger: string;
  /** USDA reported beyond the ledger at the reading (the same as outsideSurplus). */
  balanceSurplus: string;
  /** The ledger beyond the USDA reported at the reading: USDA that left without the ledger knowing. */
  balanceDeficit: string;
  /** USDA of disputed releases: neither collateral nor paid. */
  disputed: string;
  deficit: string;
  mintInFlight: string;
  redeemInFlight: string;
  pendingCount: number;
  oldestPendingAgeMs: number;
  backingBroken: boolean;
  stale: boolean;
  health: number;
  components: { backing: number; inFlight: number; freshness: number; pause: number };
}

function reporterFresh(reportedAt: number, stale: boolean): boolean {
  return reportedAt > 0 && !stale;
}

export function computeReserves(state: StateManagerState, now: number): ReservesReading {
  const r = state.reports;
  const deficit = compare(r.supply, r.collateral) > 0 ? sub(r.supply, r.collateral) : "0";
  const surplus = compare(r.collateral, r.supply) > 0 ? sub(r.collateral, r.supply) : "0";
  // A balance reading is compared with the ledger of the same moment (a later ledger would show false gaps).
  const heldLedger = r.held === "" ? "" : r.heldLedger !== "" ? r.heldLedger : r.collateral;
  const balanceSurplus = r.held !== "" && compare(r.held, heldLedger) > 0 ? sub(r.held, heldLedger) : "0";
  const balanceDeficit = r.held !== "" && compare(heldLedger, r.held) > 0 ? sub(heldLedger, r.held) : "0";
  const backingBroken = compare(deficit, r.redeemInFlight) > 0;
  const settled = balanceDeficit !== "0" ? 0 : deficit === "0" ? 50 : backingBroken ? 0 : 40;
  const backing = r.disputed !== "0" && settled > 40 ? 40 : settled;

  const age = r.pendingCount > 0 && r.oldestPendingAt > 0 ? now - r.oldestPendingAt : 0;
  const stale = r.pendingCount > 0 && age > state.staleAfterMs;
  const inFlight = age < FRESH_PENDING_MS ? 20 : age <= state.staleAfterMs ? 10 : 0;

  // Before any report at all, nothing is expected of anyone: the reporters count as fresh.
  const anyReport = r.supplyAt > 0 || r.collateralAt > 0 || r.operationsAt > 0;
  let fresh = 0;
  for (const at of [r.supplyAt, r.collateralAt, r.operationsAt]) {
    if (!anyReport || reporterFresh(at, stale)) fresh++;
  }
  const freshness = Math.floor((20 * fresh) / 3);

  const b = state.breaker;
  const pause = b.mintPaused && b.redeemPaused ? 0 : b.mintPaused || b.redeemPaused ? 5 : 10;

  return {
    supply: r.supply,
    collateral: r.collateral,
    ratioBps: ratioBasisPoints(r.collateral, r.supply),
    surplus,
    outsideSurplus: balanceSurplus,
    heldLedger,
    balanceSurplus,
    balanceDeficit,
    disputed: r.disputed,
    deficit,
    mintInFlight: r.mintInFlight,
    redeemInFlight: r.redeemInFlight,
    pendingCount: r.pendingCount,
    oldestPendingAgeMs: age,
    backingBroken,
    stale,
    health: backing + inFlight + freshness + pause,
    components: { backing, inFlight, freshness, pause },
  };
}
