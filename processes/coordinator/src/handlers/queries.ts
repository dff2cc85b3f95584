/** Read-only answers: Info, Get-Operation, Get-Operations (by holder), Get-Limits. */
import {
  Actions, OperationStatus, Scopes, Tags, fromInteger, infoReply, rejection, ringNewestFirst, send, tagOf, isAddress,
  type Message, type Outgoing,
} from "@tim3/protocol";
import type { CoordinatorState, Operation } from "../state";
import { limitTags } from "./admin";

const MAX_LISTED = 50;

export function coordinatorInfo(state: CoordinatorState, msg: Message): Outgoing[] {
  return [
    infoReply(state, msg, {
      [Tags.MintPaused]: state.circuit.mintPaused ? "true" : "false",
      [Tags.RedeemPaused]: state.circuit.redeemPaused ? "true" : "false",
      [Tags.MintInFlight]: state.inFlight.mint,
      [Tags.RedeemInFlight]: state.inFlight.redeem,
    }),
  ];
}

export function operationView(op: Operation): Record<string, unknown> {
  return {
    requestId: op.requestId,
    kind: op.kind,
    holder: op.holder,
    quantity: op.quantity,
    status: op.status,
    reason: op.reason ?? "",
    createdAt: op.createdAt,
    updatedAt: op.updatedAt,
    burned: op.burned === true,
    released: op.released === true,
  };
}

export function getOperation(state: CoordinatorState, msg: Message): Outgoing[] {
  const requestId = tagOf(msg, Tags.RequestId);
  if (requestId === undefined) return [rejection(msg, "Request-Id is required")];
  const op = state.operations[requestId];
  if (op === undefined) return [rejection(msg, "No operation with request id " + requestId)];
  const tags: Record<string, string> = {
    [Tags.RequestId]: op.requestId,
    [Tags.Kind]: op.kind,
    [Tags.Status]: op.status,
    [Tags.Holder]: op.holder,
    [Tags.Quantity]: op.quantity,
  };
  if (op.reason !== undefined) tags[Tags.Reason] = op.reason;
  return [send(msg.from, Actions.GetOperation, tags, operationView(op))];
}

/** The newest operations of a Holder (default: the sender), or all pending ones with Status = pending. */
export function getOperations(state: CoordinatorState, msg: Message): Outgoing[] {
  const list: Record<string, unknown>[] = [];
  if (tagOf(msg, Tags.Status) === OperationStatus.Pending) {
    for (const id in state.pending) if (list.length < MAX_LISTED) list.push(operationView(state.operations[id]));
  } else {
    const holder = tagOf(msg, Tags.Holder) ?? msg.from;
    if (!isAddress(holder)) return [rejection(msg, "Holder must be an address")];
    const ring = state.byHolder[holder];
    const ids = ring === undefined ? [] : ringNewestFirst(ring, MAX_LISTED);
    for (const id of ids) {
      const op = state.operations[id];
      if (op !== undefined) list.push(operationView(op));
    }
  }
  return [send(msg.from, Actions.GetOperations, { [Tags.Limit]: fromInteger(list.length) }, list)];
}

export function getLimits(state: CoordinatorState, msg: Message): Outgoing[] {
  const data = {
    mint: limitTags(state.limits.mint, Scopes.Mint, state.limits.windowMs),
    redeem: limitTags(state.limits.redeem, Scopes.Redeem, state.limits.windowMs),
    circuit: state.circuit,
  };
  return [send(msg.from, Actions.GetLimits, {}, data)];
}
