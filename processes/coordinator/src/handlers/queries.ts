/** Read-only answers: Info, Get-Operation, Get-Operations (by holder), Get-Limits. */
import {
  ErrorCodes, Actions, OperationStatus, Scopes, Tags, fromInteger, isAddress, isRequestId, type Failure, type Limits, type OperationRecord,
} from "@tim3/protocol";
import {
  infoReply, rejection, ringNewestFirst, send, tagOf, type Message, type Outgoing,
} from "@tim3/process-kit";
import { labelKey, type CoordinatorState, type Operation } from "../state";
import { limitTags } from "./admin";

const MAX_LISTED = 50;

/**
 * What Info adds to the shared tags: the circuit as the Coordinator applies it. Nothing that every operation changes:
 * Info is published (process-info) whenever it changes, and the amounts in flight are read where they are kept up to
 * date for readers, the State Manager's reserves (and this process's pending-operations list).
 */
export function coordinatorInfoTags(state: CoordinatorState): Record<string, string> {
  return {
    [Tags.MintPaused]: state.circuit.mintPaused ? "true" : "false",
    [Tags.RedeemPaused]: state.circuit.redeemPaused ? "true" : "false",
  };
}

export function coordinatorInfo(state: CoordinatorState, msg: Message): Outgoing[] {
  return [infoReply(state, msg, coordinatorInfoTags(state))];
}

export function operationView(op: Operation): OperationRecord {
  return {
    operation: op.key,
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

export type Found =
  | { ok: true; key: string; op: Operation | undefined; status: string }
  | Failure;

/**
 * The operation a query names: `Operation` (its key), or `Request-Id` with `Holder` (default: the sender), the
 * holder's own label. With `anyHolder` (the admin's Settle), a Request-Id without Holder may name the one remembered
 * operation of any holder that uses it.
 */
export function findOperation(state: CoordinatorState, msg: Message, anyHolder = false): Found {
  let key = tagOf(msg, Tags.Operation);
  const requestId = tagOf(msg, Tags.RequestId);
  if (key === undefined) {
    if (requestId === undefined) return { ok: false, error: "Operation or Request-Id is required", code: ErrorCodes.Missing };
    if (!isRequestId(requestId)) return { ok: false, error: "Request-Id must be 1 to 128 printable characters without spaces", code: ErrorCodes.Malformed };
    const holderTag = tagOf(msg, Tags.Holder);
    const holder = holderTag ?? msg.from;
    if (!isAddress(holder)) return { ok: false, error: "Holder must be an address", code: ErrorCodes.Malformed };
    key = state.labels[labelKey(holder, requestId)];
    if (key === undefined && anyHolder && holderTag === undefined) {
      const matches: string[] = [];
      const pending: string[] = [];
      for (const k in state.operations) {
        if (state.operations[k].requestId !== requestId) continue;
        matches.push(k);
        if (state.operations[k].status === OperationStatus.Pending) pending.push(k);
      }
      // Settle acts on a pending operation only: another holder's finished one under the same request id (anyone can
      // use any request id, an attacker one read off a stuck operation) must not make the admin's Settle ambiguous.
      const candidates = pending.length > 0 ? pending : matches;
      if (candidates.length > 1) return { ok: false, error: "Several holders use request id " + requestId + "; give Holder or Operation", code: ErrorCodes.Ambiguous };
      key = candidates[0];
    }
    if (key === undefined) return { ok: false, error: "No operation with request id " + requestId + " for " + holder, code: ErrorCodes.NotFound };
  }
  const op = state.operations[key];
  const status = op?.status ?? state.settled[key];
  if (status === undefined) return { ok: false, error: "No operation " + key, code: ErrorCodes.NotFound };
  return { ok: true, key, op, status };
}

export function getOperation(state: CoordinatorState, msg: Message): Outgoing[] {
  const found = findOperation(state, msg);
  if (!found.ok) return [rejection(found.code, msg, found.error)];
  const op = found.op;
  if (op === undefined) {
    // Only the final status of an operation this old is kept.
    return [send(msg.from, Actions.GetOperation, { [Tags.Operation]: found.key, [Tags.Status]: found.status })];
  }
  const tags: Record<string, string> = {
    [Tags.Operation]: op.key,
    [Tags.RequestId]: op.requestId,
    [Tags.Kind]: op.kind,
    [Tags.Status]: op.status,
    [Tags.Holder]: op.holder,
    [Tags.Quantity]: op.quantity,
  };
  if (op.reason !== undefined) tags[Tags.Reason] = op.reason;
  return [send(msg.from, Actions.GetOperation, tags, operationView(op))];
}

/** The newest operations of a holder (at most 50), newest first. */
function holderOperationsView(state: CoordinatorState, holder: string): OperationRecord[] {
  const list: OperationRecord[] = [];
  const ring = state.byHolder[holder];
  const ids = ring === undefined ? [] : ringNewestFirst(ring, MAX_LISTED);
  for (const id of ids) {
    const op = state.operations[id];
    if (op !== undefined) list.push(operationView(op));
  }
  return list;
}

/** Pending operations, or disputed redeems (at most 50). */
export function pendingOperationsView(state: CoordinatorState, which: Record<string, boolean> = state.pending): OperationRecord[] {
  const list: OperationRecord[] = [];
  for (const id in which) {
    // The list is bounded, so is the work: every message publishes it.
    if (list.length >= MAX_LISTED) break;
    const op = state.operations[id];
    if (op !== undefined) list.push(operationView(op));
  }
  return list;
}

/** The newest operations of a Holder (default: the sender), or all pending (disputed) ones with Status = pending (disputed). */
export function getOperations(state: CoordinatorState, msg: Message): Outgoing[] {
  let list: OperationRecord[];
  const status = tagOf(msg, Tags.Status);
  if (status === OperationStatus.Pending) {
    list = pendingOperationsView(state);
  } else if (status === OperationStatus.Disputed) {
    list = pendingOperationsView(state, state.disputed);
  } else {
    const holder = tagOf(msg, Tags.Holder) ?? msg.from;
    if (!isAddress(holder)) return [rejection(ErrorCodes.Malformed, msg, "Holder must be an address")];
    list = holderOperationsView(state, holder);
  }
  return [send(msg.from, Actions.GetOperations, { [Tags.Limit]: fromInteger(list.length) }, list)];
}

export function limitsView(state: CoordinatorState): Limits {
  return {
    mint: limitTags(state.limits.mint, Scopes.Mint, state.limits.windowMs),
    redeem: limitTags(state.limits.redeem, Scopes.Redeem, state.limits.windowMs),
    circuit: state.circuit,
  };
}

export function getLimits(state: CoordinatorState, msg: Message): Outgoing[] {
  return [send(msg.from, Actions.GetLimits, {}, limitsView(state))];
}
