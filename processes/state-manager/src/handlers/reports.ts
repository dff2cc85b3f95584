/** Reports from the other TIM3 processes, each accepted only from the process configured for it. */
import {
  PeerTags, Tags, parseQuantity, toSmallInteger, ErrorCodes,
} from "@tim3/protocol";
import {
  isPeer, peerOnly, rejection, ringPush, type Context, type Message, type Outgoing,
} from "@tim3/process-kit";
import type { StateManagerState } from "../state";
import { evaluateBreaker } from "../reserves/breaker";
import { computeReserves } from "../reserves/health";

/**
 * Reports may arrive out of order; each carries its sender's Sequence and only a newer one is applied.
 * Returns undefined to apply it, or the reply to give (nothing, for a stale one; an error for a malformed one).
 */
function staleOrInvalid(state: StateManagerState, msg: Message): Outgoing[] | undefined {
  const sequence = parseQuantity(msg.tags[Tags.Sequence], Tags.Sequence, true);
  if (!sequence.ok || sequence.value.length > 15) return [rejection(ErrorCodes.Malformed, msg, "Sequence must be a positive count")];
  const action = msg.tags[Tags.Action];
  const n = toSmallInteger(sequence.value);
  if (n <= (state.reports.sequences[action] ?? 0)) return [];
  state.reports.sequences[action] = n;
  return undefined;
}

function afterReport(state: StateManagerState, now: number): Outgoing[] {
  const reserves = computeReserves(state, now);
  ringPush(state.history, {
    at: now,
    supply: reserves.supply,
    collateral: reserves.collateral,
    ratioBps: reserves.ratioBps,
    health: reserves.health,
  });
  return evaluateBreaker(state, reserves);
}

export function reportSupply(state: StateManagerState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.TokenManager)) return [peerOnly(msg, PeerTags.TokenManager)];
  const q = parseQuantity(msg.tags[Tags.Supply], Tags.Supply, false);
  if (!q.ok) return [rejection(q.code, msg, q.error)];
  const skip = staleOrInvalid(state, msg);
  if (skip !== undefined) return skip;
  state.reports.supply = q.value;
  state.reports.supplyAt = ctx.now;
  return afterReport(state, ctx.now);
}

export function reportCollateral(state: StateManagerState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.LockManager)) return [peerOnly(msg, PeerTags.LockManager)];
  const q = parseQuantity(msg.tags[Tags.Collateral], Tags.Collateral, false);
  if (!q.ok) return [rejection(q.code, msg, q.error)];
  const skip = staleOrInvalid(state, msg);
  if (skip !== undefined) return skip;
  const heldTag = msg.tags[Tags.Held];
  const heldLedgerTag = msg.tags[Tags.HeldLedger];
  if (heldTag !== undefined) {
    const held = parseQuantity(heldTag, Tags.Held, false);
    if (!held.ok) return [rejection(held.code, msg, held.error)];
    const heldLedger = heldLedgerTag === undefined ? undefined : parseQuantity(heldLedgerTag, Tags.HeldLedger, false);
    if (heldLedger !== undefined && !heldLedger.ok) return [rejection(heldLedger.code, msg, heldLedger.error)];
    state.reports.held = held.value;
    state.reports.heldLedger = heldLedger === undefined ? "" : heldLedger.value;
  }
  const disputedTag = msg.tags[Tags.Disputed];
  if (disputedTag !== undefined) {
    const disputed = parseQuantity(disputedTag, Tags.Disputed, false);
    if (!disputed.ok) return [rejection(disputed.code, msg, disputed.error)];
    state.reports.disputed = disputed.value;
  }
  state.reports.collateral = q.value;
  state.reports.collateralAt = ctx.now;
  return afterReport(state, ctx.now);
}

export function reportOperations(state: StateManagerState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Coordinator)) return [peerOnly(msg, PeerTags.Coordinator)];
  const mint = parseQuantity(msg.tags[Tags.MintInFlight], Tags.MintInFlight, false);
  const redeem = parseQuantity(msg.tags[Tags.RedeemInFlight], Tags.RedeemInFlight, false);
  const count = parseQuantity(msg.tags[Tags.PendingCount], Tags.PendingCount, false);
  const oldest = parseQuantity(msg.tags[Tags.OldestPendingAt], Tags.OldestPendingAt, false);
  if (!mint.ok) return [rejection(mint.code, msg, mint.error)];
  if (!redeem.ok) return [rejection(redeem.code, msg, redeem.error)];
  if (!count.ok || count.value.length > 9) return [rejection(ErrorCodes.Malformed, msg, "Pending-Count must be a small count")];
  if (!oldest.ok || oldest.value.length > 15) return [rejection(ErrorCodes.Malformed, msg, "Oldest-Pending-At must be a timestamp")];
  const skip = staleOrInvalid(state, msg);
  if (skip !== undefined) return skip;
  state.reports.mintInFlight = mint.value;
  state.reports.redeemInFlight = redeem.value;
  state.reports.pendingCount = toSmallInteger(count.value);
  state.reports.oldestPendingAt = toSmallInteger(oldest.value);
  state.reports.operationsAt = ctx.now;
  return afterReport(state, ctx.now);
}

