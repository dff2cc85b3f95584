/**
 * Redeem: the Token Manager's Credit-Notice says a holder sent TIM3 here with X-Action = Redeem → checks →
 * burn that TIM3 and release the same USDA, in parallel → completed when both are confirmed.
 * A refused redeem sends the TIM3 back with X-Action = Refund and the reason.
 */
import {
  Actions, OperationKind, OperationStatus, PeerTags, Tags, isAddress, isPeer, parseQuantity, peerOnly, rejection,
  requestIdOf, send, tagOf, type Context, type Message, type Outgoing,
} from "@tim3/protocol";
import type { CoordinatorState, Operation } from "../state";
import { prune, record, refusal } from "../flows/limits";
import { finishOperation, openOperation, operationReport, refusedOperation } from "../flows/operations";

export const NOT_A_REDEEM = "Send TIM3 with X-Action = Redeem to redeem it; this transfer was returned";

function returnTim3(state: CoordinatorState, holder: string, quantity: string, requestId: string | undefined, reason: string): Outgoing {
  const tags: Record<string, string> = {
    [Tags.Recipient]: holder,
    [Tags.Quantity]: quantity,
    [Tags.XAction]: Actions.Refund,
    [Tags.XReason]: reason,
  };
  if (requestId !== undefined) tags[Tags.XRequestId] = requestId;
  return send(state.core.peers[PeerTags.TokenManager], Actions.Transfer, tags);
}

export function tim3CreditNotice(state: CoordinatorState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.TokenManager)) return [peerOnly(msg, PeerTags.TokenManager)];
  const holder = tagOf(msg, Tags.Sender);
  const q = parseQuantity(msg.tags[Tags.Quantity], Tags.Quantity, true);
  if (holder === undefined || !isAddress(holder) || !q.ok) {
    return [rejection(msg, "Credit-Notice needs a Sender address and a Quantity")];
  }
  const given = tagOf(msg, Tags.XRequestId);
  if (tagOf(msg, Tags.XAction) !== Actions.Redeem) return [returnTim3(state, holder, q.value, given, NOT_A_REDEEM)];
  const request = requestIdOf(msg);
  if (!request.ok) return [returnTim3(state, holder, q.value, given, request.error)];
  const requestId = request.value;
  if (state.operations[requestId] !== undefined) {
    return [returnTim3(state, holder, q.value, requestId, "Request id " + requestId + " was used already; choose a new X-Request-Id")];
  }
  prune(state.windows.redeem, ctx.now, state.limits.windowMs);
  const refused = state.circuit.redeemPaused
    ? "Redeeming is paused" + (state.circuit.reason === "" ? "" : ": " + state.circuit.reason)
    : refusal(state.limits.redeem, state.windows.redeem, holder, q.value);
  if (refused !== undefined) {
    refusedOperation(state, requestId, OperationKind.Redeem, holder, q.value, refused, ctx.now);
    return [returnTim3(state, holder, q.value, requestId, refused), ...operationReport(state)];
  }
  openOperation(state, requestId, OperationKind.Redeem, holder, q.value, ctx.now);
  record(state.windows.redeem, ctx.now, holder, q.value);
  // Report first: the State Manager must know the redeem is in flight before the release lowers the collateral.
  const report = operationReport(state);
  const burn = send(state.core.peers[PeerTags.TokenManager], Actions.BurnTim3, {
    [Tags.Quantity]: q.value,
    [Tags.RequestId]: requestId,
  });
  const release = send(state.core.peers[PeerTags.LockManager], Actions.Release, {
    [Tags.Recipient]: holder,
    [Tags.Quantity]: q.value,
    [Tags.RequestId]: requestId,
  });
  return [...report, release, burn];
}

function pendingRedeem(state: CoordinatorState, msg: Message): Operation | undefined {
  const op = state.operations[tagOf(msg, Tags.RequestId) ?? ""];
  if (op === undefined || op.kind !== OperationKind.Redeem || op.status !== OperationStatus.Pending) return undefined;
  return op;
}

function completeIfDone(state: CoordinatorState, op: Operation, now: number): Outgoing[] {
  if (op.burned !== true || op.released !== true) return [];
  finishOperation(state, op, OperationStatus.Completed, undefined, now);
  return operationReport(state);
}

export function tim3Burned(state: CoordinatorState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.TokenManager)) return [peerOnly(msg, PeerTags.TokenManager)];
  const op = pendingRedeem(state, msg);
  if (op === undefined) return [];
  op.burned = true;
  op.updatedAt = ctx.now;
  return completeIfDone(state, op, ctx.now);
}

export function released(state: CoordinatorState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.LockManager)) return [peerOnly(msg, PeerTags.LockManager)];
  const op = pendingRedeem(state, msg);
  if (op === undefined) return [];
  op.released = true;
  op.updatedAt = ctx.now;
  return completeIfDone(state, op, ctx.now);
}

/** The Lock Manager could not release: the holder's TIM3 (burned or about to be) is minted back to them. */
export function releaseFailed(state: CoordinatorState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.LockManager)) return [peerOnly(msg, PeerTags.LockManager)];
  const op = pendingRedeem(state, msg);
  if (op === undefined) return [];
  const reason = "USDA could not be released: " + (tagOf(msg, Tags.Reason) ?? "unknown reason");
  finishOperation(state, op, OperationStatus.Refunded, reason, ctx.now);
  const remint = send(state.core.peers[PeerTags.TokenManager], Actions.MintTim3, {
    [Tags.Recipient]: op.holder,
    [Tags.Quantity]: op.quantity,
    [Tags.RequestId]: op.requestId,
    [Tags.XAction]: Actions.Refund,
    [Tags.XReason]: reason,
  });
  return [remint, ...operationReport(state)];
}
