/**
 * The circuit breaker: admin Pause/Resume by scope, and an automatic trip of Mint when a release is disputed (which
 * trips Redeem too), when the backing breaks, when USDA reports less than the Lock Manager's ledger, or when reports
 * go stale. It is judged on every message the State Manager handles (and on every read), so silence cannot keep it
 * from tripping. A trip names its cause and what the admin can do, and every trip clears by itself once its cause is
 * gone, judged on the newest report of each reporter: reports from different processes arrive in any order, so a
 * deficit seen between two reports of one flow (the Lock Manager's release before the Token Manager's burn, a mint's
 * supply before its deposit's collateral) must not outlive the report that closes it (issue 24: it used to wait for
 * the admin's Resume). Whenever the effective state changes it is pushed to the Coordinator, which enforces it.
 *
 * Why a real, lasting break still holds: only the configured reporters move the books, each report is applied only
 * when newer than the last from its sender (`Sequence`), and nothing else (a stranger's message, a read, an admin's
 * Resume) changes them, so the books the breaker reads converge to the reporters' own and a shortfall still there when
 * every report has arrived is still seen. A deficit within the redeems in flight (a burn not yet reported) does not
 * start a trip, but never lifts one: a backing trip stays until the collateral covers the whole supply, so starting
 * a redeem cannot open Mint over a real shortfall.
 */
import { Actions, DISPUTE_REMEDY, PeerTags, Tags, TripCauses, type TripCause } from "@tim3/protocol";
import { nextSequence, send, type Outgoing } from "@tim3/process-kit";
import type { BreakerState, StateManagerState } from "../state";
import { computeReserves, type ReservesReading } from "./health";

interface Trip {
  trip: TripCause;
  reason: string;
  remedy: string;
}

export function circuitMessage(state: StateManagerState): Outgoing[] {
  const coordinator = state.core.peers[PeerTags.Coordinator];
  if (coordinator === undefined) return [];
  const b = state.breaker;
  return [
    send(coordinator, Actions.CircuitUpdate, {
      [Tags.MintPaused]: b.mintPaused ? "true" : "false",
      [Tags.RedeemPaused]: b.redeemPaused ? "true" : "false",
      [Tags.Reason]: b.reason,
      [Tags.Sequence]: nextSequence(state.core),
    }),
  ];
}

function snapshot(b: BreakerState): string {
  return (b.mintPaused ? "1" : "0") + (b.redeemPaused ? "1" : "0") + b.reason;
}

/** What calls for a trip now, the gravest first; undefined when nothing does. */
function causeOf(reserves: ReservesReading, tripped: boolean): Trip | undefined {
  if (reserves.disputed !== "0") return disputeCause(reserves.disputed);
  // In-flight redeems excuse a deficit from starting a trip, never from lifting one (see the guarantee above).
  if (reserves.backingBroken || (tripped && reserves.deficit !== "0")) {
    return {
      trip: TripCauses.Backing,
      reason: "Circuit breaker: TIM3 supply exceeds locked USDA by " + reserves.deficit,
      remedy: "If a flow is still reporting, this clears by itself once the Lock Manager's and the Token Manager's reports agree. If it stays: find where the USDA went and cover the deficit; Mint opens by itself when the locked USDA covers the supply.",
    };
  }
  if (reserves.balanceDeficit !== "0") {
    return {
      trip: TripCauses.Balance,
      reason: "Circuit breaker: USDA reports " + reserves.balanceDeficit + " less than the Lock Manager's ledger counts",
      remedy: "Find where the USDA went and return it to the Lock Manager, then send Sync-Balance to the Lock Manager: the trip clears when USDA reports the full ledger.",
    };
  }
  if (reserves.stale) {
    return {
      trip: TripCauses.Stale,
      reason: "Circuit breaker: operations pending for too long",
      remedy: "See Get-Operations (Status = pending) on the Coordinator and send Settle-Operation for each stuck one: the trip clears when none is pending past stale-after.",
    };
  }
  return undefined;
}

function disputeCause(disputed: string): Trip {
  return {
    trip: TripCauses.Dispute,
    reason: "Circuit breaker: " + disputed + " USDA of releases is disputed (USDA answered with a Transfer-Error, which anyone can cause); redeeming is paused",
    remedy: DISPUTE_REMEDY,
  };
}

/**
 * A disputed release pauses Redeem as well, whatever the admin did to Mint: paying on while USDA's answers may be
 * forged could pay a redeem twice. Lifted (unless the admin paused Redeem) once none is disputed.
 */
export function holdRedeems(state: StateManagerState, disputed: string): void {
  const b = state.breaker;
  if (disputed !== "0") {
    if (!b.redeemPaused) {
      b.redeemPaused = true;
      b.redeemTripped = true;
    }
    if (b.redeemTripped) b.reason = disputeCause(disputed).reason;
  } else if (b.redeemTripped) {
    b.redeemPaused = false;
    b.redeemTripped = false;
    if (!b.tripped) b.reason = b.mintPaused ? "Mint paused by the admin" : "";
  }
}

/** Trips or clears the automatic pauses as the reserves call for; returns the circuit push when anything changed. */
export function evaluateBreaker(state: StateManagerState, reserves: ReservesReading): Outgoing[] {
  const b = state.breaker;
  const before = snapshot(b);
  holdRedeems(state, reserves.disputed);
  const cause = causeOf(reserves, b.tripped);
  if (cause !== undefined && (!b.mintPaused || b.tripped)) {
    // A new trip, or a trip whose cause changed; an admin's own Mint pause is left as the admin set it.
    b.mintPaused = true;
    b.tripped = true;
    b.trip = cause.trip;
    b.reason = cause.reason;
    b.remedy = cause.remedy;
  } else if (cause === undefined && b.tripped) {
    b.mintPaused = false;
    b.tripped = false;
    b.trip = "";
    b.remedy = "";
    b.reason = b.redeemPaused ? "Redeem paused by the admin" : "";
  }
  return snapshot(b) === before ? [] : circuitMessage(state);
}

export function evaluateNow(state: StateManagerState, now: number): Outgoing[] {
  return evaluateBreaker(state, computeReserves(state, now));
}
