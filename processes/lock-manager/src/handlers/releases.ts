/**
 * Releases: on the Coordinator's word (a redeem whose TIM3 is being burned), USDA leaves the backing for the
 * redeemer, once per operation key, never more than is locked. The Lock Manager's own Transfer counts as sent: it
 * confirms the release to the Coordinator in the same evaluation. Only USDA's answers echoing the release's reference
 * count: a Transfer-Error makes it disputed (never refunded by itself), a Debit-Notice confirms it.
 *
 * An answer is the release's only when it echoes the release's reference: the operation key plus the id of the
 * Release message being evaluated. The key alone is public as soon as the redeem reaches the Coordinator, so an
 * attacker could have a failing transfer of theirs (Reply-To = here, X-Reference = key) processed by USDA before this
 * Transfer; the Release's id exists only once the Release is assigned here, so no answer can be forged in advance.
 */
import {
  ErrorCodes, Actions, PeerTags, ReleaseOutcomes, ReleaseStages, Tags, add, adminOnly, audit, compare, isAddress, isAdmin, isPeer, parseNoticeQuantity,
  parseQuantity, peerOnly, rejection, send, sub, tagOf, type Context, type Message, type Outgoing, type ReleaseStage,
} from "@tim3/protocol";
import { ReleaseStatus, holderLedger, type LockManagerState, type Release } from "../state";
import { collateralReport, usdaTransfer } from "./usda-transfers";

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
  // Asked again (Settle, a replay): the same answer, never a second payment.
  const known = state.releases[key];
  if (known !== undefined) return [answer(state, key, known)];
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
  r.reference = releaseReference(key, msg);
  state.awaiting[r.reference] = key;
  return [
    ...collateralReport(state),
    usdaTransfer(state, recipient, q.value, Actions.Redeemed, requestId === "" ? undefined : requestId, undefined, r.reference),
    answer(state, key, r),
  ];
}

/** The X-Reference of a release's Transfer: names the key it is paid under, and cannot be known before `release`. */
export function releaseReference(key: string, release: Message): string {
  return key + "/" + release.id;
}

/** The release a USDA answer is about, when it echoes a reference still waiting for an answer (sent or disputed). */
function awaitingAnswer(state: LockManagerState, msg: Message): { key: string; r: Release } | undefined {
  const reference = tagOf(msg, Tags.XReference);
  const key = reference === undefined ? undefined : state.awaiting[reference];
  const r = key === undefined ? undefined : state.releases[key];
  if (key === undefined || r === undefined || r.reference !== reference) return undefined;
  if (r.status !== ReleaseStatus.Sent && r.status !== ReleaseStatus.Disputed) return undefined;
  return { key, r };
}

/** A disputed release found paid: its USDA left for good; the Coordinator completes the redeem. */
function resolvePaid(state: LockManagerState, key: string, r: Release): Outgoing[] {
  r.status = ReleaseStatus.Confirmed;
  r.stage = ReleaseStages.Verdict;
  r.reason = "";
  delete state.awaiting[r.reference];
  state.disputed = sub(state.disputed, r.quantity);
  return [...collateralReport(state), answer(state, key, r)];
}

/** A disputed release found unpaid: its USDA never left and counts again; the Coordinator mints the TIM3 back. */
function resolveFailed(state: LockManagerState, key: string, r: Release, reason: string): Outgoing[] {
  r.status = ReleaseStatus.Failed;
  r.stage = ReleaseStages.Verdict;
  r.reason = reason;
  delete state.awaiting[r.reference];
  state.disputed = sub(state.disputed, r.quantity);
  state.locked = add(state.locked, r.quantity);
  const ledger = holderLedger(state, r.holder);
  ledger.released = sub(ledger.released, r.quantity);
  return [...collateralReport(state), answer(state, key, r)];
}

/**
 * USDA's Debit-Notice for the release's recipient and quantity, echoing its reference: a real payment (a forged one
 * needs the forger to pay the recipient that quantity, which leaves the release's USDA here uncounted: never short).
 * It confirms a sent release, and resolves a disputed one as paid.
 */
export function usdaDebitNotice(state: LockManagerState, msg: Message): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Usda)) return [peerOnly(msg, PeerTags.Usda)];
  const found = awaitingAnswer(state, msg);
  const q = parseNoticeQuantity(msg.tags[Tags.Quantity], Tags.Quantity);
  if (found === undefined || !q.ok || q.value !== found.r.quantity || msg.tags[Tags.Recipient] !== found.r.holder) return [];
  if (found.r.status === ReleaseStatus.Disputed) return resolvePaid(state, found.key, found.r);
  found.r.status = ReleaseStatus.Confirmed;
  delete state.awaiting[found.r.reference];
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
  if (found === undefined || found.r.status !== ReleaseStatus.Sent) return [];
  const r = found.r;
  r.status = ReleaseStatus.Disputed;
  r.stage = ReleaseStages.Disputed;
  r.reason = "USDA answered the transfer with a Transfer-Error (" + (tagOf(msg, Tags.Error) ?? "no reason given") +
    "), which anyone can cause: the admin checks USDA's ledger and resolves it as paid or failed";
  state.disputed = add(state.disputed, r.quantity);
  return [...collateralReport(state), answer(state, found.key, r)];
}

/**
 * Resolve-Release (admin): Operation = the redeem's key, Outcome = paid | failed, after checking USDA's ledger (or
 * Sync-Balance: an unpaid release shows as USDA beyond the ledger). Only a disputed release can be resolved, once.
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
  if (r === undefined) return [rejection(ErrorCodes.NotFound, msg, "Unknown release: " + key)];
  if (r.status !== ReleaseStatus.Disputed) return [rejection(ErrorCodes.AlreadyFinal, msg, "Release " + key + " is " + r.status + ", not disputed")];
  audit(state, msg, Actions.ResolveRelease, key + " " + outcome + " (" + r.quantity + " to " + r.holder + ")");
  const done = send(msg.from, Actions.ResolveReleaseDone, { [Tags.Operation]: key, [Tags.Outcome]: outcome, [Tags.Quantity]: r.quantity });
  const resolved = outcome === ReleaseOutcomes.Paid
    ? resolvePaid(state, key, r)
    : resolveFailed(state, key, r, "The admin found USDA's transfer unpaid");
  return [done, ...resolved];
}
