/**
 * The circuit breaker: admin Pause/Resume by scope, and an automatic trip of Mint when the backing breaks or
 * reports go stale. Whenever the effective state changes it is pushed to the Coordinator, which enforces it.
 */
import { Actions, PeerTags, Tags, nextSequence, send, type Outgoing } from "@tim3/protocol";
import type { BreakerState, StateManagerState } from "../state";
import { computeReserves, type Reserves } from "./health";

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

/** Trips Mint when the reserves call for it; returns the circuit push when anything changed. */
export function evaluateBreaker(state: StateManagerState, reserves: Reserves): Outgoing[] {
  const before = snapshot(state.breaker);
  if (!state.breaker.mintPaused && (reserves.backingBroken || reserves.stale)) {
    state.breaker.mintPaused = true;
    state.breaker.tripped = true;
    state.breaker.reason = reserves.backingBroken
      ? "Circuit breaker: TIM3 supply exceeds locked USDA by " + reserves.deficit
      : "Circuit breaker: operations pending for too long";
  }
  return snapshot(state.breaker) === before ? [] : circuitMessage(state);
}

export function evaluateNow(state: StateManagerState, now: number): Outgoing[] {
  return evaluateBreaker(state, computeReserves(state, now));
}
