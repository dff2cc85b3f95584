/** Operation records: one per operation key, pending until completed, refunded or disputed; finished ones are kept boundedly (state.ts). */
import {
  Actions, OPERATIONS_PER_HOLDER, OperationKind, OperationStatus, PeerTags, Tags, add, fromInteger, sub, type OperationKindName, type OperationStatusName,
} from "@tim3/protocol";
import {
  newRing, nextSequence, ringPush, send, type Outgoing,
} from "@tim3/process-kit";
import { labelKey, type CoordinatorState, type Operation } from "../state";

function inFlightKey(op: Operation): "mint" | "redeem" {
  return op.kind === OperationKind.Mint ? "mint" : "redeem";
}

export function openOperation(
  state: CoordinatorState,
  key: string,
  requestId: string,
  kind: OperationKindName,
  holder: string,
  quantity: string,
  now: number,
): Operation {
  const op: Operation = { key, requestId, kind, holder, quantity, status: OperationStatus.Pending, createdAt: now, updatedAt: now };
  state.operations[key] = op;
  state.pending[key] = true;
  state.labels[labelKey(holder, requestId)] = key;
  const flow = inFlightKey(op);
  state.inFlight[flow] = add(state.inFlight[flow], quantity);
  let mine = state.byHolder[holder];
  if (mine === undefined) {
    mine = newRing<string>(OPERATIONS_PER_HOLDER);
    state.byHolder[holder] = mine;
  }
  ringPush(mine, key);
  return op;
}

/**
 * A record reached a final outcome (completed, refunded, or a dispute resolved): it takes the newest slot of the
 * finished ring, and the record whose last slot that overwrites is forgotten unless it is pending or disputed (a
 * disputed one takes a new slot when it is resolved). See the bound in state.ts.
 */
function rememberFinished(state: CoordinatorState, op: Operation): void {
  op.finishedSlots = (op.finishedSlots ?? 0) + 1;
  const forgotten = ringPush(state.finished, op.key);
  const old = forgotten === undefined ? undefined : state.operations[forgotten];
  if (old === undefined) return;
  // A record finished before slots were counted had exactly one.
  old.finishedSlots = (old.finishedSlots ?? 1) - 1;
  if (old.finishedSlots <= 0 && state.pending[old.key] !== true && state.disputed[old.key] !== true) {
    delete state.operations[old.key];
    forgetWithRecord(state, old);
  }
}

/**
 * What a refused request leaves besides its exactly-once key goes with its record: a refusal costs its sender nothing
 * (the funds come back), so its label, its settled status and its holder's list are not kept for good. Forgetting
 * them moves nothing twice: the identity of the notice that brought it (the Token Manager's Credit-Notice for a
 * redeem, the Lock Manager's Deposit-Received for a mint, each sent once) is counted for good, so every copy of it is
 * stopped before any handler; a label only names an operation, and a request id used again after its refusal was
 * forgotten starts a new operation with new funds, under a new key.
 * A holder's list goes once none of its operations has a record left (at most pending + disputed +
 * FINISHED_OPERATION_MEMORY holders have one), so the lists are bounded as the records are.
 */
function forgetWithRecord(state: CoordinatorState, old: Operation): void {
  const label = labelKey(old.holder, old.requestId);
  if (old.refused === true && state.labels[label] === old.key) delete state.labels[label];
  if (old.refused === true) delete state.settled[old.key];
  const ring = state.byHolder[old.holder];
  if (ring === undefined) return;
  for (const slot in ring.items) if (state.operations[ring.items[slot]] !== undefined) return;
  delete state.byHolder[old.holder];
}

/** Ends a pending operation: finished (see rememberFinished), or disputed (kept outside the finished ring until resolved). */
export function finishOperation(state: CoordinatorState, op: Operation, status: OperationStatusName, reason: string | undefined, now: number): void {
  if (op.status !== OperationStatus.Pending) return;
  op.status = status;
  op.updatedAt = now;
  if (reason !== undefined) op.reason = reason;
  delete state.pending[op.key];
  state.settled[op.key] = status;
  const flow = inFlightKey(op);
  state.inFlight[flow] = sub(state.inFlight[flow], op.quantity);
  if (status === OperationStatus.Disputed) state.disputed[op.key] = true;
  else rememberFinished(state, op);
}

/**
 * Changes the outcome of a redeem that already left the pending list (completed on the Lock Manager's word and then
 * disputed, or disputed and then resolved): its record, its settled status, and the disputed list. A disputed redeem
 * whose record was forgotten already gets it back from `disputedRecord` (the Lock Manager's answer names holder,
 * quantity and request id), so every open dispute has its record; a resolved one takes a new finished slot.
 * `released` says whether its USDA left, when that changes.
 */
export function restateFinished(
  state: CoordinatorState,
  key: string,
  status: OperationStatusName,
  reason: string | undefined,
  now: number,
  released?: boolean,
  disputedRecord?: Operation,
): void {
  let op = state.operations[key];
  if (op === undefined && status === OperationStatus.Disputed && disputedRecord !== undefined) {
    op = disputedRecord;
    state.operations[key] = op;
  }
  if (op !== undefined) {
    op.status = status;
    op.reason = reason;
    op.updatedAt = now;
    if (released !== undefined) op.released = released;
  }
  state.settled[key] = status;
  if (status === OperationStatus.Disputed) {
    state.disputed[key] = true;
  } else {
    delete state.disputed[key];
    if (op !== undefined) rememberFinished(state, op);
  }
}

/** A refused request that never became pending: recorded as refunded at once, so Get-Operation can say why. */
export function refusedOperation(
  state: CoordinatorState,
  key: string,
  requestId: string,
  kind: OperationKindName,
  holder: string,
  quantity: string,
  reason: string,
  now: number,
): void {
  const op = openOperation(state, key, requestId, kind, holder, quantity, now);
  op.refused = true;
  finishOperation(state, op, OperationStatus.Refunded, reason, now);
}

export function operationReport(state: CoordinatorState): Outgoing[] {
  const sm = state.core.peers[PeerTags.StateManager];
  if (sm === undefined) return [];
  let count = 0;
  let oldest = 0;
  for (const id in state.pending) {
    const op = state.operations[id];
    count++;
    if (oldest === 0 || op.createdAt < oldest) oldest = op.createdAt;
  }
  return [
    send(sm, Actions.ReportOperations, {
      [Tags.MintInFlight]: state.inFlight.mint,
      [Tags.RedeemInFlight]: state.inFlight.redeem,
      [Tags.PendingCount]: fromInteger(count),
      [Tags.OldestPendingAt]: fromInteger(oldest),
      [Tags.Sequence]: nextSequence(state.core),
    }),
  ];
}

