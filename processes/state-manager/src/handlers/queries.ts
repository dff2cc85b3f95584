/** Get-Reserves, Get-Health, Get-History, Get-Audit-Log and Info. */
import {
  Actions, Tags, fromInteger, type Health, type Reserves,
} from "@tim3/protocol";
import {
  infoReply, parseLimit, rejection, ringNewestFirst, send, type Context, type Message, type Outgoing,
} from "@tim3/process-kit";
import { HISTORY_CAPACITY, type StateManagerState } from "../state";
import { computeReserves, type ReservesReading } from "../reserves/health";

const DEFAULT_HISTORY = 200;

/** The Get-Reserves reply (and the exposed `reserves`) from one reading: callers compute the reading once. */
export function reservesView(state: StateManagerState, r: ReservesReading): Reserves {
  return {
    supply: r.supply,
    collateral: r.collateral,
    ratioBps: r.ratioBps,
    surplus: r.surplus,
    outsideSurplus: r.outsideSurplus,
    held: state.reports.held,
    heldLedger: r.heldLedger,
    balanceSurplus: r.balanceSurplus,
    balanceDeficit: r.balanceDeficit,
    disputed: r.disputed,
    deficit: r.deficit,
    mintInFlight: r.mintInFlight,
    redeemInFlight: r.redeemInFlight,
    pendingCount: r.pendingCount,
    oldestPendingAgeMs: r.oldestPendingAgeMs,
    health: r.health,
    components: r.components,
    stale: r.stale,
    circuit: state.breaker,
    reportedAt: {
      supply: state.reports.supplyAt,
      collateral: state.reports.collateralAt,
      operations: state.reports.operationsAt,
    },
  };
}

export function getReserves(state: StateManagerState, msg: Message, ctx: Context): Outgoing[] {
  const r = computeReserves(state, ctx.now);
  const tags: Record<string, string> = {
    [Tags.Supply]: r.supply,
    [Tags.Collateral]: r.collateral,
    [Tags.RatioBps]: r.ratioBps,
    [Tags.Health]: fromInteger(r.health),
    [Tags.MintPaused]: state.breaker.mintPaused ? "true" : "false",
    [Tags.RedeemPaused]: state.breaker.redeemPaused ? "true" : "false",
  };
  return [send(msg.from, Actions.GetReserves, tags, reservesView(state, r))];
}

export function healthView(state: StateManagerState, r: ReservesReading): Health {
  return {
    health: r.health,
    components: r.components,
    stale: r.stale,
    backingBroken: r.backingBroken,
    balanceDeficit: r.balanceDeficit,
    circuit: state.breaker,
  };
}

export function getHealth(state: StateManagerState, msg: Message, ctx: Context): Outgoing[] {
  const view = healthView(state, computeReserves(state, ctx.now));
  const tags: Record<string, string> = {
    [Tags.Health]: fromInteger(view.health),
    [Tags.MintPaused]: state.breaker.mintPaused ? "true" : "false",
    [Tags.RedeemPaused]: state.breaker.redeemPaused ? "true" : "false",
  };
  return [send(msg.from, Actions.GetHealth, tags, view)];
}

export function getHistory(state: StateManagerState, msg: Message): Outgoing[] {
  const limit = parseLimit(msg, DEFAULT_HISTORY, HISTORY_CAPACITY);
  if (!limit.ok) return [rejection(limit.code, msg, limit.error)];
  const points = ringNewestFirst(state.history, limit.value);
  points.reverse();
  return [send(msg.from, Actions.GetHistory, { [Tags.Limit]: fromInteger(points.length) }, points)];
}

export function stateManagerInfoTags(state: StateManagerState): Record<string, string> {
  return {
    [Tags.MintPaused]: state.breaker.mintPaused ? "true" : "false",
    [Tags.RedeemPaused]: state.breaker.redeemPaused ? "true" : "false",
  };
}

export function stateManagerInfo(state: StateManagerState, msg: Message): Outgoing[] {
  return [infoReply(state, msg, stateManagerInfoTags(state))];
}
