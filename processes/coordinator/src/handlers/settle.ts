/**
 * Settle-Operation (admin): a pending operation whose messages were lost is pushed on by re-sending the steps not
 * yet confirmed. Every step is idempotent by request id at its receiver (the Token Manager never mints or burns a
 * request twice, the Lock Manager never releases one twice), so settling can only complete what was started.
 */
import {
  Actions, OperationKind, OperationStatus, PeerTags, Tags, adminOnly, audit, isAdmin, rejection, send, tagOf,
  type Message, type Outgoing,
} from "@tim3/protocol";
import type { CoordinatorState } from "../state";

export function settleOperation(state: CoordinatorState, msg: Message): Outgoing[] {
  if (!isAdmin(state, msg)) return [adminOnly(msg)];
  const requestId = tagOf(msg, Tags.RequestId);
  if (requestId === undefined) return [rejection(msg, "Request-Id is required")];
  const op = state.operations[requestId];
  if (op === undefined) return [rejection(msg, "No operation with request id " + requestId)];
  if (op.status !== OperationStatus.Pending) return [rejection(msg, "Operation " + requestId + " is already " + op.status)];
  const retries: Outgoing[] = [];
  const tokenManager = state.core.peers[PeerTags.TokenManager];
  if (op.kind === OperationKind.Mint) {
    retries.push(send(tokenManager, Actions.MintTim3, { [Tags.Recipient]: op.holder, [Tags.Quantity]: op.quantity, [Tags.RequestId]: requestId }));
  } else {
    if (op.burned !== true) retries.push(send(tokenManager, Actions.BurnTim3, { [Tags.Quantity]: op.quantity, [Tags.RequestId]: requestId }));
    if (op.released !== true) {
      retries.push(send(state.core.peers[PeerTags.LockManager], Actions.Release, {
        [Tags.Recipient]: op.holder, [Tags.Quantity]: op.quantity, [Tags.RequestId]: requestId,
      }));
    }
  }
  audit(state, msg, Actions.SettleOperation, requestId + " (" + op.kind + ", " + retries.length + " step(s) re-sent)");
  const done = send(msg.from, Actions.SettleOperationDone, { [Tags.RequestId]: requestId, [Tags.Kind]: op.kind });
  return [done, ...retries];
}
