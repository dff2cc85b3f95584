/** The State Manager's state: the latest report of each TIM3 process, the circuit breaker and a bounded history. */
import { newCore, newRing, type ProcessCore, type Ring } from "@tim3/protocol";

export const HISTORY_CAPACITY = 1000;
/** Pending operations older than this mean some process has stopped answering: reports have gone stale. */
export const DEFAULT_STALE_AFTER_MS = 600_000;

export interface Reports {
  supply: string;
  supplyAt: number;
  collateral: string;
  collateralAt: number;
  /** The Lock Manager's real USDA balance when last synced ("" = never). */
  held: string;
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
  /** True when the State Manager paused Mint by itself (backing broken or reports stale). */
  tripped: boolean;
}

export interface HistoryPoint {
  at: number;
  supply: string;
  collateral: string;
  ratioBps: string;
  health: number;
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
      mintInFlight: "0",
      redeemInFlight: "0",
      pendingCount: 0,
      oldestPendingAt: 0,
      operationsAt: 0,
      sequences: {},
    },
    breaker: { mintPaused: false, redeemPaused: false, reason: "", tripped: false },
    staleAfterMs: DEFAULT_STALE_AFTER_MS,
    history: newRing<HistoryPoint>(HISTORY_CAPACITY),
  };
}
