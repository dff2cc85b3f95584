/**
 * Surplus: USDA can reach the Lock Manager without a Credit-Notice (a Cast transfer). It is never counted as backing;
 * Sync-Balance (anyone may send it) asks the USDA process for the real balance, and the State Manager shows the
 * difference as a surplus outside the protocol.
 */
import {
  Actions, PeerTags, Tags, isPeer, parseQuantity, peerOnly, rejection, send, type Context, type Message, type Outgoing,
} from "@tim3/protocol";
import type { LockManagerState } from "../state";
import { collateralReport } from "./usda-transfers";

export function syncBalance(state: LockManagerState, msg: Message, ctx: Context): Outgoing[] {
  const usda = state.core.peers[PeerTags.Usda];
  if (usda === undefined) return [rejection(msg, "The Lock Manager is not configured yet")];
  // Recipient, not Target: in aos a Target key is the message's destination, not a tag.
  return [send(usda, Actions.Balance, { [Tags.Recipient]: ctx.self })];
}

/** The USDA process's answer to Sync-Balance. */
export function usdaBalance(state: LockManagerState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Usda)) return [peerOnly(msg, PeerTags.Usda)];
  if (msg.tags[Tags.Account] !== ctx.self) return [];
  const q = parseQuantity(msg.tags[Tags.Balance], Tags.Balance, false);
  if (!q.ok) return [rejection(msg, q.error)];
  state.held = q.value;
  state.heldLedger = state.locked;
  return collateralReport(state);
}
