/**
 * Releases: on the Coordinator's word (a redeem whose TIM3 is being burned), USDA leaves the backing for the
 * redeemer, once per operation key, never more than is locked. The Lock Manager's own Transfer counts as sent: it
 * confirms the release to the Coordinator in the same evaluation. Debit-Notices confirm nothing (a blueprint token
 * sends them to any Reply-To, with any X- tags); USDA's Transfer-Error answering the release first undoes it.
 *
 * An answer is the release's only when it echoes the release's reference: the operation key plus the id of the
 * Release message being evaluated. The key alone is public as soon as the redeem reaches the Coordinator, so an
 * attacker could have a failing transfer of theirs (Reply-To = here, X-Reference = key) processed by USDA before this
 * Transfer; the Release's id exists only once the Release is assigned here, so no answer can be forged in advance.
 */
import {
  ErrorCodes, Actions, PeerTags, Tags, add, compare, isAddress, isPeer, parseNoticeQuantity, parseQuantity, peerOnly, rejection, send,
  sub, tagOf, type Context, type Message, type Outgoing,
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
  if (r.status === ReleaseStatus.Failed) {
    tags[Tags.Reason] = r.reason;
    return send(coordinator, Actions.ReleaseFailed, tags);
  }
  return send(coordinator, Actions.Released, tags);
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

/** The release a USDA answer is about, when it echoes a reference still waiting for its first answer. */
function awaitingAnswer(state: LockManagerState, msg: Message): { key: string; r: Release } | undefined {
  const reference = tagOf(msg, Tags.XReference);
  const key = reference === undefined ? undefined : state.awaiting[reference];
  const r = key === undefined ? undefined : state.releases[key];
  if (key === undefined || r === undefined || r.status !== ReleaseStatus.Sent || r.reference !== reference) return undefined;
  return { key, r };
}

/** USDA's Debit-Notice: the first answer to a release, when it is for that release's recipient and quantity. */
export function usdaDebitNotice(state: LockManagerState, msg: Message): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Usda)) return [peerOnly(msg, PeerTags.Usda)];
  const found = awaitingAnswer(state, msg);
  const q = parseNoticeQuantity(msg.tags[Tags.Quantity], Tags.Quantity);
  if (found === undefined || !q.ok || q.value !== found.r.quantity || msg.tags[Tags.Recipient] !== found.r.holder) return [];
  found.r.status = ReleaseStatus.Confirmed;
  delete state.awaiting[found.r.reference];
  return [];
}

/**
 * USDA refused a transfer. When it answers a release first, the USDA never left: it counts again, the release is
 * failed for good (a retried Release answers Release-Failed), and the Coordinator gives the redeemer its TIM3 back.
 */
export function usdaTransferError(state: LockManagerState, msg: Message): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Usda)) return [peerOnly(msg, PeerTags.Usda)];
  const found = awaitingAnswer(state, msg);
  if (found === undefined) return [];
  const r = found.r;
  r.status = ReleaseStatus.Failed;
  delete state.awaiting[r.reference];
  r.reason = "USDA refused the transfer: " + (tagOf(msg, Tags.Error) ?? "no reason given");
  state.locked = add(state.locked, r.quantity);
  const ledger = holderLedger(state, r.holder);
  ledger.released = sub(ledger.released, r.quantity);
  return [...collateralReport(state), answer(state, found.key, r)];
}
