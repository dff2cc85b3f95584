/**
 * Mint-Tim3 and Burn-Tim3: the only ways TIM3 supply changes, accepted only from the configured Coordinator, once
 * per operation key. Each change is confirmed to the Coordinator and reported to the State Manager. The holder's
 * request id (Request-Id) is only a label carried onto the notice.
 */
import {
  Actions, PeerTags, Tags, isAddress, parseQuantity, ErrorCodes,
} from "@tim3/protocol";
import {
  burn, nextSequence, checkDebit, checkMint, isPeer, mint, peerOnly, rejection, send, tagOf, type Message, type Outgoing,
} from "@tim3/process-kit";
import type { TokenManagerState } from "../state";

function supplyReport(state: TokenManagerState): Outgoing[] {
  const sm = state.core.peers[PeerTags.StateManager];
  if (sm === undefined) return [];
  return [send(sm, Actions.ReportSupply, { [Tags.Supply]: state.ledger.totalSupply, [Tags.Sequence]: nextSequence(state.core) })];
}

export function mintTim3(state: TokenManagerState, msg: Message): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Coordinator)) return [peerOnly(msg, PeerTags.Coordinator)];
  const recipient = tagOf(msg, Tags.Recipient);
  if (recipient === undefined || !isAddress(recipient)) return [rejection(ErrorCodes.Malformed, msg, "Recipient must be an address")];
  const key = tagOf(msg, Tags.Operation);
  if (key === undefined) return [rejection(ErrorCodes.Missing, msg, "Operation is required")];
  const requestId = tagOf(msg, Tags.RequestId);
  const q = parseQuantity(msg.tags[Tags.Quantity], Tags.Quantity, true);
  if (!q.ok) return [rejection(q.code, msg, q.error)];
  const confirm = send(msg.from, Actions.Tim3Minted, {
    [Tags.Operation]: key,
    [Tags.Recipient]: recipient,
    [Tags.Quantity]: q.value,
  });
  if (requestId !== undefined) confirm.tags[Tags.RequestId] = requestId;
  // A retried or replayed command for an operation already minted is confirmed again, not minted again.
  if (state.mintedOps[key] === true) return [confirm];
  const refused = checkMint(state.ledger, q.value);
  if (refused !== undefined) return [rejection(refused.code, msg, refused.error)];
  state.mintedOps[key] = true;
  mint(state.ledger, recipient, q.value);
  const credit = send(recipient, Actions.CreditNotice, {
    [Tags.Sender]: msg.from,
    [Tags.Quantity]: q.value,
    [Tags.XAction]: tagOf(msg, Tags.XAction) ?? Actions.Mint,
  });
  if (requestId !== undefined) credit.tags[Tags.XRequestId] = requestId;
  const reason = tagOf(msg, Tags.XReason);
  if (reason !== undefined) credit.tags[Tags.XReason] = reason;
  credit.data = "You received " + q.value + " TIM3";
  // The supply report goes first: whatever the confirmation sets off must not reach the State Manager before it.
  return [...supplyReport(state), credit, confirm];
}

/** Burns TIM3 the Coordinator holds (a redeemer's transfer to it). */
export function burnTim3(state: TokenManagerState, msg: Message): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Coordinator)) return [peerOnly(msg, PeerTags.Coordinator)];
  const key = tagOf(msg, Tags.Operation);
  if (key === undefined) return [rejection(ErrorCodes.Missing, msg, "Operation is required")];
  const q = parseQuantity(msg.tags[Tags.Quantity], Tags.Quantity, true);
  if (!q.ok) return [rejection(q.code, msg, q.error)];
  const confirm = send(msg.from, Actions.Tim3Burned, { [Tags.Operation]: key, [Tags.Quantity]: q.value });
  if (state.burnedOps[key] === true) return [confirm];
  const refused = checkDebit(state.ledger, msg.from, q.value);
  if (refused !== undefined) return [rejection(refused.code, msg, refused.error)];
  state.burnedOps[key] = true;
  burn(state.ledger, msg.from, q.value);
  return [...supplyReport(state), confirm];
}
