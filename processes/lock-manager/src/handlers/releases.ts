/**
 * Releases: on the Coordinator's word (a redeem whose TIM3 is being burned), USDA leaves the backing for the
 * redeemer, once per operation key, never more than is locked. A release is done only when USDA says so: it is
 * confirmed to the Coordinator (Released) on USDA's Debit-Notice echoing the release's reference, for its recipient
 * and quantity; until then it is `sent`, however long (a Transfer-Error that names no reference, from an older
 * blueprint, confirms nothing). A Transfer-Error echoing the reference makes it disputed (never refunded by itself).
 *
 * An answer is the release's only when it echoes the release's reference: the operation key plus the id of the
 * Release message being evaluated. The key alone is public as soon as the redeem reaches the Coordinator, so an
 * attacker could have a failing transfer of theirs (Reply-To = here, X-Reference = key) processed by USDA before this
 * Transfer; the Release's id exists only once the Release is assigned here, so no answer can be forged in advance.
 *
 * The admin's Resolve-Release decides a disputed or unconfirmed transfer (a release, a refund, a return) as USDA's
 * own result for the Lock Manager's Transfer shows it (`usdaVerdict`, which the console, SDK and CLI use; until USDA
 * has computed that Transfer they offer nothing): paid confirms it; failed counts a release's USDA back (the
 * Coordinator mints the TIM3 back) and sends a refund or return again, under a new reference.
 */
import {
  ErrorCodes, Actions, PeerTags, ReleaseOutcomes, ReleaseStages, Tags, TransferStates, add, compare, isAddress, parseQuantity, sub, type ReleaseStage,
} from "@tim3/protocol";
import {
  ringPush, adminOnly, audit, isAdmin, isPeer, peerOnly, rejection, send, tagOf, type Context, type Message, type Outgoing,
} from "@tim3/process-kit";
import { DepositStatus, ReleaseStatus, holderLedger, type Deposit, type LockManagerState, type Release } from "../state";
import { collateralReport, payBack, sameQuantity, transferReference, usdaTransfer } from "./usda-transfers";

function answer(state: LockManagerState, key: string, r: Release): Outgoing {
  const coordinator = state.core.peers[PeerTags.Coordinator];
  const tags: Record<string, string> = {
    [Tags.Operation]: key,
    [Tags.Recipient]: r.holder,
    [Tags.Quantity]: r.quantity,
  };
  if (r.requestId !== "") tags[Tags.RequestId] = r.requestId;
  tags[Tags.ReleaseStage] = stageOf(r);
  if (r.status === ReleaseStatus.Failed) {
    tags[Tags.Reason] = r.reason;
    return send(coordinator, Actions.ReleaseFailed, tags);
  }
  if (r.status === ReleaseStatus.Disputed) {
    tags[Tags.Reason] = r.reason;
    return send(coordinator, Actions.ReleaseDisputed, tags);
  }
  return send(coordinator, Actions.Released, tags);
}

/** The stage of the release's answer: a record from before stages was never resolved after a dispute. */
function stageOf(r: Release): ReleaseStage {
  if (r.stage !== undefined) return r.stage;
  return r.status === ReleaseStatus.Disputed ? ReleaseStages.Disputed : ReleaseStages.First;
}

export function release(state: LockManagerState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Coordinator)) return [peerOnly(msg, PeerTags.Coordinator)];
  const key = tagOf(msg, Tags.Operation);
  const recipient = tagOf(msg, Tags.Recipient);
  const q = parseQuantity(msg.tags[Tags.Quantity], Tags.Quantity, true);
  if (key === undefined) return [rejection(ErrorCodes.Missing, msg, "Operation is required")];
  if (recipient === undefined || !isAddress(recipient)) return [rejection(ErrorCodes.Malformed, msg, "Recipient must be an address")];
  if (!q.ok) return [rejection(q.code, msg, q.error)];
  // Asked again (Settle, a replay): the same answer, never a second payment; nothing yet while USDA has not answered.
  const known = state.releases[key];
  if (known !== undefined) return known.status === ReleaseStatus.Sent ? [] : [answer(state, key, known)];
  const requestId = tagOf(msg, Tags.RequestId) ?? "";
  const r: Release = {
    holder: recipient, quantity: q.value, requestId, reference: "", status: ReleaseStatus.Sent, reason: "", at: ctx.now,
    stage: ReleaseStages.First,
  };
  state.releases[key] = r;
  if (compare(state.locked, q.value) < 0) {
    r.status = ReleaseStatus.Failed;
    r.reason = "Only " + state.locked + " USDA is locked";
    return [answer(state, key, r)];
  }
  state.locked = sub(state.locked, q.value);
  const ledger = holderLedger(state, recipient);
  ledger.released = add(ledger.released, q.value);
  r.reference = transferReference(key, msg);
  state.awaiting[r.reference] = key;
  return [
    ...collateralReport(state),
    usdaTransfer(state, recipient, q.value, Actions.Redeemed, requestId === "" ? undefined : requestId, undefined, r.reference),
  ];
}

/** What a USDA answer is about, when it echoes a reference still waiting for an answer (sent or disputed). */
type Awaited = { key: string; r: Release; d?: undefined } | { key: string; r?: undefined; d: Deposit };

function awaitingAnswer(state: LockManagerState, msg: Message): Awaited | undefined {
  const reference = tagOf(msg, Tags.XReference);
  const key = reference === undefined ? undefined : state.awaiting[reference];
  if (key === undefined) return undefined;
  const r = state.releases[key];
  if (r !== undefined) {
    if (r.reference !== reference || (r.status !== ReleaseStatus.Sent && r.status !== ReleaseStatus.Disputed)) return undefined;
    return { key, r };
  }
  const d = state.deposits[key];
  if (d === undefined || d.transfer === undefined || d.transfer.reference !== reference) return undefined;
  return { key, d };
}

/** A disputed or unconfirmed release found paid: its USDA left for good; the Coordinator completes the redeem. */
function resolvePaid(state: LockManagerState, key: string, r: Release): Outgoing[] {
  const wasDisputed = r.status === ReleaseStatus.Disputed;
  r.status = ReleaseStatus.Confirmed;
  r.stage = ReleaseStages.Verdict;
  r.reason = "";
  delete state.awaiting[r.reference];
  if (!wasDisputed) return [answer(state, key, r)];
  state.disputed = sub(state.disputed, r.quantity);
  return [...collateralReport(state), answer(state, key, r)];
}

/** A disputed or unconfirmed release found unpaid: its USDA never left and counts again; the TIM3 is minted back. */
function resolveFailed(state: LockManagerState, key: string, r: Release, reason: string): Outgoing[] {
  if (r.status === ReleaseStatus.Disputed) state.disputed = sub(state.disputed, r.quantity);
  r.status = ReleaseStatus.Failed;
  r.stage = ReleaseStages.Verdict;
  r.reason = reason;
  delete state.awaiting[r.reference];
  state.locked = add(state.locked, r.quantity);
  const ledger = holderLedger(state, r.holder);
  ledger.released = sub(ledger.released, r.quantity);
  return [...collateralReport(state), answer(state, key, r)];
}

/**
 * USDA's Debit-Notice for the transfer's recipient and quantity, echoing its reference: a real payment (a forged one
 * needs the forger to pay the recipient that quantity, which leaves this process's USDA here uncounted: never short).
 * It confirms a sent release to the Coordinator, resolves a disputed one as paid, and marks a refund or return done.
 */
export function usdaDebitNotice(state: LockManagerState, msg: Message): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Usda)) return [peerOnly(msg, PeerTags.Usda)];
  const found = awaitingAnswer(state, msg);
  if (found === undefined) return [];
  const paid = found.r ?? found.d;
  if (!sameQuantity(msg.tags[Tags.Quantity], paid.quantity) || msg.tags[Tags.Recipient] !== paid.holder) return [];
  if (found.d !== undefined) return paidBack(state, found.key, found.d);
  const r = found.r;
  if (r.status === ReleaseStatus.Disputed) return resolvePaid(state, found.key, r);
  r.status = ReleaseStatus.Confirmed;
  delete state.awaiting[r.reference];
  return [answer(state, found.key, r)];
}

/**
 * A refund or return USDA confirmed: done, and nothing of it is kept for good but the identity of its Credit-Notice
 * (`core.counted`, one bit: what stops every copy of that notice, however late). Its full record goes to the bounded
 * ring people read (`returns`): a stranger's free round trip, returned or refused, leaves nothing else behind.
 */
function paidBack(state: LockManagerState, key: string, d: Deposit): Outgoing[] {
  if (d.transfer !== undefined) delete state.awaiting[d.transfer.reference];
  d.transfer = undefined;
  d.status = d.status === DepositStatus.Returning ? DepositStatus.Returned : DepositStatus.Refunded;
  ringPush(state.returns, d);
  delete state.deposits[key];
  return [];
}

/**
 * USDA refused a transfer, or someone made it look so: a blueprint token's Transfer-Error cannot name who sent the
 * failed transfer, and whoever watches this process's scheduler can race one in with the release's reference before
 * this process's own Transfer reaches USDA. So it moves nothing: the release becomes disputed (its USDA counted
 * neither as locked nor as paid, the State Manager pauses redeeming), until USDA's Debit-Notice for it or the admin's
 * Resolve-Release decides. Later Transfer-Errors for it change nothing.
 */
export function usdaTransferError(state: LockManagerState, msg: Message): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Usda)) return [peerOnly(msg, PeerTags.Usda)];
  const found = awaitingAnswer(state, msg);
  if (found === undefined) return [];
  if (found.d !== undefined) {
    // A refund or return: no backing changes (its USDA left the ledger when it was sent); it waits, shown, for USDA's
    // Debit-Notice or the admin's verdict on USDA's own result.
    const t = found.d.transfer;
    if (t !== undefined && t.status === TransferStates.Sent) {
      t.status = TransferStates.Disputed;
      t.error = transferErrorReason(msg);
    }
    return [];
  }
  if (found.r.status !== ReleaseStatus.Sent) return [];
  const r = found.r;
  r.status = ReleaseStatus.Disputed;
  r.stage = ReleaseStages.Disputed;
  r.reason = transferErrorReason(msg);
  state.disputed = add(state.disputed, r.quantity);
  return [...collateralReport(state), answer(state, found.key, r)];
}

function transferErrorReason(msg: Message): string {
  return "USDA answered with a Transfer-Error (" + (tagOf(msg, Tags.Error) ?? "no reason given") + "), which anyone can " +
    "cause: it waits for USDA's own result for the Lock Manager's Transfer (its Debit-Notice settles it by itself)";
}

/**
 * Resolve-Release (admin): Operation = a redeem's key, or the deposit id of a refund or return; Outcome = paid |
 * failed, as USDA's own result for the Lock Manager's Transfer shows it (the tools read it: `usdaVerdict`; never a
 * balance, which looks the same while the Transfer is still on its way). Only a transfer USDA has not confirmed can be
 * resolved: a disputed or unconfirmed release once; a refund or return sent again (failed) until USDA pays it.
 */
export function resolveRelease(state: LockManagerState, msg: Message): Outgoing[] {
  if (!isAdmin(state, msg)) return [adminOnly(msg)];
  const key = tagOf(msg, Tags.Operation);
  const outcome = tagOf(msg, Tags.Outcome);
  if (key === undefined) return [rejection(ErrorCodes.Missing, msg, "Operation is required")];
  if (outcome !== ReleaseOutcomes.Paid && outcome !== ReleaseOutcomes.Failed) {
    return [rejection(ErrorCodes.Malformed, msg, "Outcome must be " + ReleaseOutcomes.Paid + " or " + ReleaseOutcomes.Failed)];
  }
  const r = state.releases[key];
  const d = r === undefined ? state.deposits[key] : undefined;
  if (r === undefined && d === undefined) return [rejection(ErrorCodes.NotFound, msg, "Unknown release or deposit: " + key)];
  const open = r !== undefined
    ? (r.status === ReleaseStatus.Disputed || r.status === ReleaseStatus.Sent) && r.reference !== "" && state.awaiting[r.reference] === key
    : d?.transfer !== undefined;
  if (!open) return [rejection(ErrorCodes.AlreadyFinal, msg, key + " is " + (r?.status ?? d?.status ?? "") + ": USDA answered it already")];
  // A verdict judges one Transfer. A refund or return judged failed is sent again under a new reference, so a second
  // verdict on the attempt judged already (the console not yet refreshed, a retried request, a second admin) would
  // apply to the new attempt, which USDA may pay: it must name the attempt, and only the current one is open.
  const current = r !== undefined ? r.reference : d?.transfer?.reference ?? "";
  const judged = tagOf(msg, Tags.TransferReference);
  if (judged === undefined && d !== undefined && outcome === ReleaseOutcomes.Failed) {
    return [rejection(ErrorCodes.Missing, msg, "Transfer-Reference is required to send a refund again: the X-Reference USDA refused")];
  }
  if (judged !== undefined && judged !== current) {
    return [rejection(ErrorCodes.AlreadyFinal, msg, "The transfer " + judged + " was answered or sent again already; the open one is " + current)];
  }
  const quantity = r?.quantity ?? d?.quantity ?? "";
  const holder = r?.holder ?? d?.holder ?? "";
  audit(state, msg, Actions.ResolveRelease, key + " " + outcome + " (" + quantity + " to " + holder + ")");
  const done = send(msg.from, Actions.ResolveReleaseDone, { [Tags.Operation]: key, [Tags.Outcome]: outcome, [Tags.Quantity]: quantity });
  if (d !== undefined) {
    if (outcome === ReleaseOutcomes.Paid) return [done, ...paidBack(state, key, d)];
    return [done, payBack(state, key, d, msg, d.transfer?.reason ?? "Sent again")];
  }
  const release = r as Release;
  const resolved = outcome === ReleaseOutcomes.Paid
    ? resolvePaid(state, key, release)
    : resolveFailed(state, key, release, "USDA's result for the Lock Manager's transfer: unpaid");
  return [done, ...resolved];
}
