/**
 * Settle-Operation (admin): a pending operation whose messages were lost is pushed on by re-sending the steps not
 * yet confirmed. Every step is idempotent by operation key at its receiver (the Token Manager never mints or burns an
 * operation twice, the Lock Manager never releases one twice and answers a failed release as failed), so settling
 * can only complete what was started, and never completes an unpaid redeem.
 */
import {
  ErrorCodes, Actions, OperationKind, OperationStatus, PeerTags, Tags,
} from "@tim3/protocol";
import {
  adminOnly, audit, isAdmin, rejection, send, type Message, type Outgoing,
} from "@tim3/process-kit";
import type { CoordinatorState } from "../state";
import { findOperation } from "./queries";
import { burnCommand, releaseCommand } from "./redeem-flow";

export function settleOperation(state: CoordinatorState, msg: Message): Outgoing[] {
  if (!isAdmin(state, msg)) return [adminOnly(msg)];
  const found = findOperation(state, msg, true);
  if (!found.ok) return [rejection(found.code, msg, found.error)];
  const op = found.op;
  if (op === undefined) return [rejection(ErrorCodes.AlreadyFinal, msg, "Operation " + found.key + " is already " + found.status)];
  if (op.status !== OperationStatus.Pending) return [rejection(ErrorCodes.AlreadyFinal, msg, "Operation " + op.requestId + " is already " + op.status)];
  const retries: Outgoing[] = [];
  if (op.kind === OperationKind.Mint) {
    retries.push(send(state.core.peers[PeerTags.TokenManager], Actions.MintTim3, {
      [Tags.Recipient]: op.holder, [Tags.Quantity]: op.quantity, [Tags.RequestId]: op.requestId, [Tags.Operation]: op.key,
    }));
  } else {
    if (op.burned !== true) retries.push(burnCommand(state, op.key, op.quantity));
    if (op.released !== true) retries.push(releaseCommand(state, op.key, op.holder, op.quantity, op.requestId));
  }
  audit(state, msg, Actions.SettleOperation, op.requestId + " (" + op.kind + ", " + retries.length + " step(s) re-sent)");
  const done = send(msg.from, Actions.SettleOperationDone, { [Tags.RequestId]: op.requestId, [Tags.Operation]: op.key, [Tags.Kind]: op.kind });
  return [done, ...retries];
}
