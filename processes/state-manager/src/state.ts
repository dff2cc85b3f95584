/**
 * The State Manager's state: the latest report of each TIM3 process, the circuit breaker and a bounded history.
 *
 * Guarantee (monitoring that cannot be silenced): health, staleness and the breaker are judged at the timestamp of
 * every message the State Manager handles, whatever its action, and of every read (Get-Health, Get-Reserves), not only
 * when a report arrives; so reporters that all fall silent while operations are pending still trip Mint (a read shows
 * the trip, the next message of any kind makes it so for the Coordinator). An automatic trip names its cause and what
 * the admin can do (`remedy`). Liveness under any report order: every automatic trip (dispute, backing, balance,
 * stale) clears by itself once its cause is gone in the newest report of each reporter, so once every report of a
 * flow has arrived and supply = collateral = USDA held, Mint and Redeem are open whatever order the reports came in
 * (`reports.sequences` keeps each reporter's newest; nothing but its reporter changes a figure, so no stranger's
 * message and no read can clear a trip). A real backing break holds: a deficit excused by redeems in flight never
 * starts a trip but never lifts one either; Mint stays paused until the collateral covers the whole supply. The Lock
 * Manager's ledger is compared with the USDA balance USDA itself reported, at the same moment: a surplus is shown, a
 * deficit is flagged and trips Mint. An admin's pause is never lifted automatically.
 *
 * Disputed releases (the Lock Manager's `Disputed`: USDA it sent, then USDA answered with a Transfer-Error anyone can
 * cause) are counted neither as collateral nor as paid: the backing is never overstated (the redeemers' TIM3 is burned
 * and the USDA left the ledger; if it never left USDA, a balance reading shows it beyond the ledger). While any is
 * disputed the breaker pauses Mint and Redeem (trip "dispute"), whoever paused Mint, so no further release can be
 * raced into paying twice; the backing component of health is at most 40; the trip clears when none is disputed.
 */
import { type HistoryPoint, type TripCause } from "@tim3/protocol";
import { newCore, newRing, type ProcessCore, type Ring } from "@tim3/process-kit";

export const HISTORY_CAPACITY = 1000;
/** Pending operations older than this mean some process has stopped answering: reports have gone stale. */
const DEFAULT_STALE_AFTER_MS = 600_000;

interface Reports {
  supply: string;
  supplyAt: number;
  collateral: string;
  collateralAt: number;
  /** The Lock Manager's real USDA balance when last synced ("" = never). */
  held: string;
  /** The Lock Manager's ledger at that reading ("" = not reported: compare with the collateral instead). */
  heldLedger: string;
  /** USDA of the Lock Manager's disputed releases ("0" when none). */
  disputed: string;
  mintInFlight: string;
  redeemInFlight: string;
  pendingCount: number;
  oldestPendingAt: number;
  operationsAt: number;
  /** The last Sequence applied from each reporter (Report action → sequence). */
  sequences: Record<string, number>;
}

export interface BreakerState {
  mintPaused: boolean;
  redeemPaused: boolean;
  reason: string;
  /** True when the State Manager paused Mint by itself (backing broken, USDA missing, or reports stale). */
  tripped: boolean;
  /** The cause of an automatic trip ("" when not tripped). */
  trip: TripCause | "";
  /** What the admin can do about the trip, in words. */
  remedy: string;
  /** True when the State Manager paused Redeem by itself (a disputed release); lifted when none is disputed. */
  redeemTripped: boolean;
}

export interface StateManagerState {
  core: ProcessCore;
  reports: Reports;
  breaker: BreakerState;
  staleAfterMs: number;
  history: Ring<HistoryPoint>;
}

export function newStateManagerState(admin: string, version: string, sourceHash: string): StateManagerState {
  return {
    core: newCore("TIM3 State Manager", version, sourceHash, admin),
    reports: {
      supply: "0",
      supplyAt: 0,
      collateral: "0",
      collateralAt: 0,
      held: "",
      heldLedger: "",
      disputed: "0",
      mintInFlight: "0",
      redeemInFlight: "0",
      pendingCount: 0,
      oldestPendingAt: 0,
      operationsAt: 0,
      sequences: {},
    },
    breaker: { mintPaused: false, redeemPaused: false, reason: "", tripped: false, trip: "", remedy: "", redeemTripped: false },
    staleAfterMs: DEFAULT_STALE_AFTER_MS,
    history: newRing<HistoryPoint>(HISTORY_CAPACITY),
  };
}
