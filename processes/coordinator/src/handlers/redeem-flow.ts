/**
 * Redeem: the Token Manager's Credit-Notice says a holder sent TIM3 here with X-Action = Redeem → checks →
 * burn that TIM3 and release the same USDA, in parallel → completed when both are confirmed.
 * A refused redeem sends the TIM3 back with X-Action = Refund and the reason. The operation key is the
 * Credit-Notice's message id: each TIM3 transfer here is acted on once, however often it is delivered.
 */
import {
  Actions, ErrorCodes, OperationKind, OperationStatus, PeerTags, ReleaseStages, Tags, isAddress, isRequestId, parseQuantity, type ReleaseStage,
} from "@tim3/protocol";
import {
  KEPT_AS_OWED, countForGood, isPeer, peerOnly, rejection, requestIdOf, returnNowOrOwe, send, tagOf, type Context, type Message, type Outgoing,
} from "@tim3/process-kit";
import { isKnownOperation, labelKey, type CoordinatorState, type Operation } from "../state";
import { prune, record, refusal } from "../flows/limits";
import { finishOperation, openOperation, operationReport, refusedOperation, restateFinished } from "../flows/operations";
import { usedAlready } from "./mint-flow";

const NOT_A_REDEEM = "Send TIM3 with X-Action = Redeem to redeem it; this transfer was returned";

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
  const key = msg.id;
  // Delivered again (a replay, however late): the first delivery acted already.
  if (isKnownOperation(state, key)) return [];
  const holder = tagOf(msg, Tags.Sender);
  const q = parseQuantity(msg.tags[Tags.Quantity], Tags.Quantity, true);
  if (holder === undefined || !isAddress(holder) || !q.ok) {
    return [rejection(ErrorCodes.Missing, msg, "Credit-Notice needs a Sender address and a Quantity")];
  }
  // Every path below keeps a record under this delivery's id: the notice counts for good by its identity (the Token
  // Manager's Reference), so a copy a node pushes again under a new id is no second redeem.
  countForGood(state.core, msg);
  // A request id is passed back only when it is one (at most 128 printable characters): never a stranger's tag of any length.
  const tagged = tagOf(msg, Tags.XRequestId);
  const given = tagged !== undefined && isRequestId(tagged) ? tagged : undefined;
  // Sent straight back, it keeps nothing but that identity: a stranger's free round trip is no operation. Past the
  // sender's return limit it is kept as owed to it until its Claim-Returns (process-kit returns.ts), so that automatic
  // replies cannot bounce TIM3 here for ever.
  const giveBack = (requestId: string | undefined, reason: string, label?: string): Outgoing[] =>
    returnNowOrOwe(state.core, msg.from, holder, q.value, ctx.now, label) ? [returnTim3(state, holder, q.value, requestId, reason)] : [];
  if (tagOf(msg, Tags.XAction) !== Actions.Redeem) return giveBack(given, NOT_A_REDEEM);
  const request = requestIdOf(msg);
  if (!request.ok) return giveBack(given, request.error);
  const requestId = request.value;
  if (state.labels[labelKey(holder, requestId)] !== undefined) return giveBack(requestId, usedAlready(requestId), requestId);
  prune(state.windows.redeem, ctx.now, state.limits.windowMs);
  const refused = state.circuit.redeemPaused
    ? "Redeeming is paused" + (state.circuit.reason === "" ? "" : ": " + state.circuit.reason)
    : refusal(state.limits.redeem, state.windows.redeem, holder, q.value);
  if (refused !== undefined) {
    // Refused and returned, unless past the sender's return limit: then kept as owed until its Claim-Returns.
    const returnNow = returnNowOrOwe(state.core, msg.from, holder, q.value, ctx.now, requestId);
    refusedOperation(state, key, requestId, OperationKind.Redeem, holder, q.value, returnNow ? refused : refused + KEPT_AS_OWED, ctx.now);
    return returnNow ? [returnTim3(state, holder, q.value, requestId, refused), ...operationReport(state)] : operationReport(state);
  }
  openOperation(state, key, requestId, OperationKind.Redeem, holder, q.value, ctx.now);
  record(state.windows.redeem, ctx.now, holder, q.value);
  // Report first: the State Manager must know the redeem is in flight before the release lowers the collateral.
  const report = operationReport(state);
  return [...report, releaseCommand(state, key, holder, q.value, requestId), burnCommand(state, key, q.value)];
}

export function burnCommand(state: CoordinatorState, key: string, quantity: string): Outgoing {
  return send(state.core.peers[PeerTags.TokenManager], Actions.BurnTim3, { [Tags.Quantity]: quantity, [Tags.Operation]: key });
}

export function releaseCommand(state: CoordinatorState, key: string, holder: string, quantity: string, requestId: string): Outgoing {
  return send(state.core.peers[PeerTags.LockManager], Actions.Release, {
    [Tags.Recipient]: holder,
    [Tags.Quantity]: quantity,
    [Tags.RequestId]: requestId,
    [Tags.Operation]: key,
  });
}

function pendingRedeem(state: CoordinatorState, msg: Message): Operation | undefined {
  const op = state.operations[tagOf(msg, Tags.Operation) ?? ""];
  if (op === undefined || op.kind !== OperationKind.Redeem || op.status !== OperationStatus.Pending) return undefined;
  return op;
}

/** A redeem's status, also when its full record was forgotten (then only `settled` remembers it). */
function redeemStatus(state: CoordinatorState, key: string): string | undefined {
  const op = state.operations[key];
  if (op !== undefined && op.kind !== OperationKind.Redeem) return undefined;
  return op?.status ?? state.settled[key];
}

function completeIfDone(state: CoordinatorState, op: Operation, now: number): Outgoing[] {
  if (op.burned !== true || op.released !== true) return [];
  finishOperation(state, op, OperationStatus.Completed, undefined, now);
  return operationReport(state);
}

export function tim3Burned(state: CoordinatorState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.TokenManager)) return [peerOnly(msg, PeerTags.TokenManager)];
  const disputed = state.operations[tagOf(msg, Tags.Operation) ?? ""];
  if (disputed !== undefined && disputed.status === OperationStatus.Disputed) {
    disputed.burned = true;
    return [];
  }
  const op = pendingRedeem(state, msg);
  if (op === undefined) return [];
  op.burned = true;
  op.updatedAt = ctx.now;
  return completeIfDone(state, op, ctx.now);
}

const STAGE_ORDER: Record<string, number> = { [ReleaseStages.First]: 1, [ReleaseStages.Disputed]: 2, [ReleaseStages.Verdict]: 3 };

/**
 * True when the Lock Manager's answer comes after every answer about this release applied so far (first answer,
 * dispute, verdict), and records its stage when it is a dispute or a verdict. An answer without a stage (a Lock
 * Manager from before stages) is taken as it comes.
 */
function nextStage(state: CoordinatorState, msg: Message, key: string): boolean {
  const stage = tagOf(msg, Tags.ReleaseStage);
  if (stage === undefined || STAGE_ORDER[stage] === undefined) return true;
  const applied = state.releaseStages[key];
  if (applied !== undefined && STAGE_ORDER[applied] >= STAGE_ORDER[stage]) return false;
  if (stage !== ReleaseStages.First) state.releaseStages[key] = stage as ReleaseStage;
  return true;
}

export function released(state: CoordinatorState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.LockManager)) return [peerOnly(msg, PeerTags.LockManager)];
  const key = tagOf(msg, Tags.Operation) ?? "";
  if (!nextStage(state, msg, key)) return [];
  if (redeemStatus(state, key) === OperationStatus.Disputed) {
    // The Lock Manager found the disputed release paid (USDA's Debit-Notice for it, or the admin's word).
    restateFinished(state, key, OperationStatus.Completed, undefined, ctx.now, true);
    return [];
  }
  const op = pendingRedeem(state, msg);
  if (op === undefined) return [];
  op.released = true;
  op.updatedAt = ctx.now;
  return completeIfDone(state, op, ctx.now);
}

/**
 * USDA answered the release's transfer with a Transfer-Error, which anyone can cause: the redeem waits for the
 * Lock Manager's resolution (USDA's Debit-Notice, or the admin's Resolve-Release), with a readable reason. It leaves
 * the pending operations (and the redeems in flight): its USDA is counted neither as locked nor as paid.
 */
export function releaseDisputed(state: CoordinatorState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.LockManager)) return [peerOnly(msg, PeerTags.LockManager)];
  const key = tagOf(msg, Tags.Operation);
  if (key === undefined) return [rejection(ErrorCodes.Missing, msg, "Operation is required")];
  const status = redeemStatus(state, key);
  if (status !== OperationStatus.Pending && status !== OperationStatus.Completed) return [];
  if (!nextStage(state, msg, key)) return [];
  const reason = "Awaiting the admin's check of the USDA transfer: " + (tagOf(msg, Tags.Reason) ?? "USDA reported an error");
  state.disputed[key] = true;
  const op = state.operations[key];
  if (op !== undefined && op.status === OperationStatus.Pending) {
    finishOperation(state, op, OperationStatus.Disputed, reason, ctx.now);
    return operationReport(state);
  }
  restateFinished(state, key, OperationStatus.Disputed, reason, ctx.now, undefined, forgottenRedeem(msg, key, ctx.now));
  return [];
}

/** A disputed redeem's record rebuilt from the Lock Manager's answer, when it was forgotten before the dispute. */
function forgottenRedeem(msg: Message, key: string, now: number): Operation | undefined {
  const holder = tagOf(msg, Tags.Recipient);
  const q = parseQuantity(msg.tags[Tags.Quantity], Tags.Quantity, true);
  if (holder === undefined || !isAddress(holder) || !q.ok) return undefined;
  return {
    key, requestId: tagOf(msg, Tags.RequestId) ?? "", kind: OperationKind.Redeem, holder, quantity: q.value,
    status: OperationStatus.Disputed, createdAt: now, updatedAt: now, burned: true, released: true,
  };
}

/**
 * The Lock Manager could not release (nothing locked to pay it), or the admin resolved its disputed transfer as
 * unpaid: the holder's TIM3 (burned or about to be) is minted back to them, once (the Token Manager keys it
 * "refund:" + key), and the redeem is recorded as refunded with the reason.
 */
export function releaseFailed(state: CoordinatorState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.LockManager)) return [peerOnly(msg, PeerTags.LockManager)];
  const key = tagOf(msg, Tags.Operation);
  if (key === undefined) return [rejection(ErrorCodes.Missing, msg, "Operation is required")];
  const op = state.operations[key];
  const status = redeemStatus(state, key);
  if (status !== OperationStatus.Pending && status !== OperationStatus.Completed && status !== OperationStatus.Disputed) return [];
  const holder = op?.holder ?? tagOf(msg, Tags.Recipient);
  const quantity = op?.quantity ?? tagOf(msg, Tags.Quantity);
  const requestId = op?.requestId ?? tagOf(msg, Tags.RequestId);
  if (holder === undefined || quantity === undefined) return [rejection(ErrorCodes.Missing, msg, "Release-Failed needs Recipient and Quantity")];
  if (!nextStage(state, msg, key)) return [];
  const reason = "USDA could not be released: " + (tagOf(msg, Tags.Reason) ?? "unknown reason");
  if (op !== undefined && op.status === OperationStatus.Pending) {
    finishOperation(state, op, OperationStatus.Refunded, reason, ctx.now);
  } else {
    // Disputed (or, for a release confirmed before transfers waited for USDA, completed when sent): found unpaid since.
    restateFinished(state, key, OperationStatus.Refunded, reason, ctx.now, false);
  }
  const remint = send(state.core.peers[PeerTags.TokenManager], Actions.MintTim3, {
    [Tags.Recipient]: holder,
    [Tags.Quantity]: quantity,
    [Tags.Operation]: "refund:" + key,
    [Tags.XAction]: Actions.Refund,
    [Tags.XReason]: reason,
  });
  if (requestId !== undefined) remint.tags[Tags.RequestId] = requestId;
  return [remint, ...operationReport(state)];
}
