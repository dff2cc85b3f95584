/**
 * Releases: on the Coordinator's word (a redeem whose TIM3 is being burned), USDA leaves the backing for the
 * redeemer. Never more than is locked. The USDA Debit-Notice confirms the transfer back to the Coordinator.
 */
import {
  Actions, PeerTags, Tags, add, alreadySeen, compare, isAddress, isPeer, parseQuantity, peerOnly, rejection, send, sub, tagOf,
  type Message, type Outgoing,
} from "@tim3/protocol";
import { holderLedger, type LockManagerState } from "../state";
import { collateralReport, usdaTransfer } from "./usda-transfers";

export function release(state: LockManagerState, msg: Message): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Coordinator)) return [peerOnly(msg, PeerTags.Coordinator)];
  const recipient = tagOf(msg, Tags.Recipient);
  const requestId = tagOf(msg, Tags.RequestId);
  const q = parseQuantity(msg.tags[Tags.Quantity], Tags.Quantity, true);
  if (recipient === undefined || !isAddress(recipient)) return [rejection(msg, "Recipient must be an address")];
  if (requestId === undefined) return [rejection(msg, "Request-Id is required")];
  if (!q.ok) return [rejection(msg, q.error)];
  // Already paid: confirm again instead of paying twice.
  if (state.released.ids[requestId] === true) {
    return [send(msg.from, Actions.Released, { [Tags.RequestId]: requestId, [Tags.Quantity]: q.value })];
  }
  if (compare(state.locked, q.value) < 0) {
    return [
      send(msg.from, Actions.ReleaseFailed, {
        [Tags.RequestId]: requestId,
        [Tags.Reason]: "Only " + state.locked + " USDA is locked",
      }),
    ];
  }
  alreadySeen(state.released, requestId);
  state.locked = sub(state.locked, q.value);
  const ledger = holderLedger(state, recipient);
  ledger.released = add(ledger.released, q.value);
  return [...collateralReport(state), usdaTransfer(state, recipient, q.value, Actions.Redeemed, requestId, undefined)];
}

/** USDA confirms a transfer the Lock Manager made; a redeem's confirmation completes it at the Coordinator. */
export function usdaDebitNotice(state: LockManagerState, msg: Message): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Usda)) return [peerOnly(msg, PeerTags.Usda)];
  const requestId = tagOf(msg, Tags.XRequestId);
  const coordinator = state.core.peers[PeerTags.Coordinator];
  if (tagOf(msg, Tags.XAction) !== Actions.Redeemed || requestId === undefined || coordinator === undefined) return [];
  return [send(coordinator, Actions.Released, { [Tags.RequestId]: requestId, [Tags.Quantity]: msg.tags[Tags.Quantity] })];
}
