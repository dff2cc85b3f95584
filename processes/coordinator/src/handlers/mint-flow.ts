/**
 * Mint: the Lock Manager reports a deposit → checks (circuit, limits, the holder's label used already) → the Token
 * Manager mints to the holder → completed when it confirms. A refused deposit goes back through the Lock Manager
 * with the reason. The operation key is the deposit id: a deposit is decided once, however often it is reported.
 */
import {
  Actions, ErrorCodes, OperationKind, OperationStatus, PeerTags, Tags, isAddress, parseQuantity,
} from "@tim3/protocol";
import {
  countForGood, isPeer, peerOnly, rejection, send, tagOf, type Context, type Message, type Outgoing,
} from "@tim3/process-kit";
import { isKnownOperation, labelKey, type CoordinatorState } from "../state";
import { prune, record, refusal } from "../flows/limits";
import { finishOperation, openOperation, operationReport, refusedOperation } from "../flows/operations";

export function usedAlready(requestId: string): string {
  return "Request id " + requestId + " was used already; choose a new X-Request-Id";
}

export function depositReceived(state: CoordinatorState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.LockManager)) return [peerOnly(msg, PeerTags.LockManager)];
  const depositId = tagOf(msg, Tags.DepositId);
  const requestId = tagOf(msg, Tags.RequestId);
  const holder = tagOf(msg, Tags.Holder);
  const q = parseQuantity(msg.tags[Tags.Quantity], Tags.Quantity, true);
  if (depositId === undefined || requestId === undefined || holder === undefined || !isAddress(holder) || !q.ok) {
    return [rejection(ErrorCodes.Missing, msg, "Deposit-Received needs Deposit-Id, Request-Id, Holder and Quantity")];
  }
  // The same deposit reported again (a replay, however late): it was decided already.
  if (isKnownOperation(state, depositId)) return [];
  // The Lock Manager reports each deposit once, in the evaluation of its Credit-Notice: every copy of this message is
  // a delivery of that one report, with its Reference. Counted for good, it is what stops a copy of a refused
  // deposit's report once the refusal's record (and its settled status) is forgotten.
  countForGood(state.core, msg);
  const refund = (reason: string): Outgoing =>
    send(msg.from, Actions.RefundDeposit, { [Tags.DepositId]: depositId, [Tags.RequestId]: requestId, [Tags.Reason]: reason });
  if (state.labels[labelKey(holder, requestId)] !== undefined) return [refund(usedAlready(requestId))];
  prune(state.windows.mint, ctx.now, state.limits.windowMs);
  const refused = state.circuit.mintPaused
    ? "Minting is paused" + (state.circuit.reason === "" ? "" : ": " + state.circuit.reason)
    : refusal(state.limits.mint, state.windows.mint, holder, q.value);
  if (refused !== undefined) {
    refusedOperation(state, depositId, requestId, OperationKind.Mint, holder, q.value, refused, ctx.now);
    return [refund(refused)];
  }
  const op = openOperation(state, depositId, requestId, OperationKind.Mint, holder, q.value, ctx.now);
  op.depositId = depositId;
  record(state.windows.mint, ctx.now, holder, q.value);
  const mint = send(state.core.peers[PeerTags.TokenManager], Actions.MintTim3, {
    [Tags.Recipient]: holder,
    [Tags.Quantity]: q.value,
    [Tags.RequestId]: requestId,
    [Tags.Operation]: depositId,
  });
  const accepted = send(msg.from, Actions.DepositAccepted, { [Tags.DepositId]: depositId });
  return [mint, accepted, ...operationReport(state)];
}

export function tim3Minted(state: CoordinatorState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.TokenManager)) return [peerOnly(msg, PeerTags.TokenManager)];
  const op = state.operations[tagOf(msg, Tags.Operation) ?? ""];
  if (op === undefined || op.kind !== OperationKind.Mint || op.status !== OperationStatus.Pending) return [];
  finishOperation(state, op, OperationStatus.Completed, undefined, ctx.now);
  return operationReport(state);
}
