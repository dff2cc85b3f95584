/**
 * The JSON the processes put in their replies' Data, typed once: the processes build them with these types and the
 * SDK and the apps read them with the same ones, so a field added or renamed in a process is a type error in every
 * reader. Quantities are decimal strings of base units; times are AO milliseconds.
 */
import type { OperationKindName, OperationStatusName } from "./tags";

/** Get-Operation(s) on the Coordinator: one mint or redeem. */
export interface OperationRecord {
  /** The Coordinator's key for the operation (the id of the deposit or redeem notice it was recorded under). */
  operation: string;
  /** The holder's label for it: unique only together with `holder`. */
  requestId: string;
  kind: OperationKindName;
  holder: string;
  quantity: string;
  status: OperationStatusName;
  reason: string;
  createdAt: number;
  updatedAt: number;
  burned: boolean;
  released: boolean;
}

/** The health score's parts, each weighted into `health`. */
export interface HealthComponents {
  backing: number;
  inFlight: number;
  freshness: number;
  pause: number;
}

/** The State Manager's circuit breaker, judged at the time of the read. */
export interface Circuit {
  mintPaused: boolean;
  redeemPaused: boolean;
  reason: string;
  /** Mint was paused by the State Manager itself; `trip` says why ("dispute", "backing", "balance", "stale"). */
  tripped: boolean;
  /** Redeem was paused by the State Manager itself: a release is disputed (see Reserves.disputed). */
  redeemTripped?: boolean;
  trip?: string;
  /** What the admin can do about an automatic trip. */
  remedy?: string;
}

/** Get-Health: the score, and the breaker as judged at the time of the read. */
export interface Health {
  health: number;
  components: HealthComponents;
  stale: boolean;
  backingBroken: boolean;
  balanceDeficit: string;
  circuit: Circuit;
}

/** Get-Reserves on the State Manager. */
export interface Reserves {
  supply: string;
  collateral: string;
  ratioBps: string;
  surplus: string;
  /** USDA that reached the Lock Manager outside the protocol: shown, never backing. */
  outsideSurplus: string;
  deficit: string;
  mintInFlight: string;
  redeemInFlight: string;
  pendingCount: number;
  /** Age of the oldest pending operation (0 when none). */
  oldestPendingAgeMs: number;
  health: number;
  components: HealthComponents;
  stale: boolean;
  circuit: Circuit;
  /** The USDA balance USDA last reported for the Lock Manager ("" before any Sync-Balance) and its ledger then. */
  held: string;
  heldLedger: string;
  /** USDA reported beyond the ledger (shown, never backing) and the ledger beyond what USDA reported (flagged). */
  balanceSurplus: string;
  balanceDeficit: string;
  /**
   * USDA of releases in dispute: sent by the Lock Manager, then answered by a Transfer-Error anyone can cause. Counted
   * neither in collateral (it may have left) nor as paid; the redeemers' TIM3 is burned, so supply excludes it too.
   */
  disputed: string;
  /** When the State Manager last heard from each reporter (ms since the epoch; 0 = never). */
  reportedAt: { supply: number; collateral: number; operations: number };
}

/** Get-Audit-Log: one admin action of a process (its audit log, newest first). */
export interface AuditEntry {
  at: number;
  by: string;
  action: string;
  detail: string;
  messageId: string;
}

/** Get-History: one point of the State Manager's history. */
export interface HistoryPoint {
  at: number;
  supply: string;
  collateral: string;
  ratioBps: string;
  health: number;
}

/**
 * What each USDA transfer of the Lock Manager is for: a redeem's release, a refused deposit's refund, or a transfer
 * that was not a mint sent straight back.
 */
export const TransferKinds = { Release: "release", Refund: "refund", Return: "return" } as const;
export type TransferKind = (typeof TransferKinds)[keyof typeof TransferKinds];

/**
 * A transfer USDA has not confirmed: `sent` (no answer yet, or one that named no reference) or `disputed` (a
 * Transfer-Error echoed its reference, which anyone can cause). Either way only USDA's own result for the Lock
 * Manager's Transfer decides it: its Debit-Notice settles it by itself; the admin's Resolve-Release follows that result.
 */
export const TransferStates = { Sent: "sent", Disputed: "disputed" } as const;
export type TransferState = (typeof TransferStates)[keyof typeof TransferStates];

/** One entry of the Lock Manager's `unsettled-transfers`. */
export interface UnsettledTransfer {
  /** What Resolve-Release names: the redeem's operation key, or the deposit id of a refund or return. */
  operation: string;
  kind: TransferKind;
  holder: string;
  quantity: string;
  /** The X-Reference of the Lock Manager's Transfer now awaiting USDA's answer. */
  reference: string;
  status: TransferState;
  reason: string;
  /** How many Transfers were sent for it (a refused refund or return is sent again on the admin's word). */
  attempts: number;
  at: number;
}
