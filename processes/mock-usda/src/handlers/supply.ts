/** Mint (admin only, to a Recipient or to the admin) and Burn (the sender's own unlocked balance). */
import {
  Actions, ErrorCodes, Tags, isAddress, parseQuantity,
} from "@tim3/protocol";
import {
  burn, checkDebit, checkMint, countForGood, mint, rejection, send, tagOf, adminOnly, isAdmin, type Message, type Outgoing,
} from "@tim3/process-kit";
import type { MockUsdaState } from "../state";

export function mintUsda(state: MockUsdaState, msg: Message): Outgoing[] {
  if (!isAdmin(state, msg)) return [adminOnly(msg)];
  const recipient = tagOf(msg, Tags.Recipient) ?? msg.from;
  if (!isAddress(recipient)) return [rejection(ErrorCodes.Malformed, msg, "Recipient must be an address (got " + recipient + ")")];
  const q = parseQuantity(msg.tags[Tags.Quantity], Tags.Quantity, true);
  if (!q.ok) return [rejection(q.code, msg, q.error)];
  const refused = checkMint(state.ledger, q.value);
  if (refused !== undefined) return [rejection(refused.code, msg, refused.error)];
  mint(state.ledger, recipient, q.value);
  countForGood(state.core, msg);
  return [send(msg.from, Actions.MintDone, { [Tags.Recipient]: recipient, [Tags.Quantity]: q.value })];
}

export function burnUsda(state: MockUsdaState, msg: Message): Outgoing[] {
  const q = parseQuantity(msg.tags[Tags.Quantity], Tags.Quantity, true);
  if (!q.ok) return [rejection(q.code, msg, q.error)];
  const refused = checkDebit(state.ledger, msg.from, q.value);
  if (refused !== undefined) return [rejection(refused.code, msg, refused.error)];
  burn(state.ledger, msg.from, q.value);
  countForGood(state.core, msg);
  return [send(msg.from, Actions.BurnDone, { [Tags.Quantity]: q.value })];
}
