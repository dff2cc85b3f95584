/**
 * Surplus: USDA can reach the Lock Manager without a Credit-Notice (a Cast transfer). It is never counted as backing;
 * Sync-Balance (anyone may send it) asks the USDA process for the real balance, and the State Manager shows the
 * difference as a surplus outside the protocol. A blueprint token answers Balance without an Action tag: the reply
 * is recognised by its sender (the configured USDA) and its Account tag (this process).
 */
import {
  ErrorCodes, Actions, PeerTags, Tags, parseNoticeQuantity,
} from "@tim3/protocol";
import {
  isPeer, referenceNumber, rejection, send, type Context, type Message, type Outgoing,
} from "@tim3/process-kit";
import type { LockManagerState } from "../state";
import { collateralReport } from "./usda-transfers";

export function syncBalance(state: LockManagerState, msg: Message, ctx: Context): Outgoing[] {
  const usda = state.core.peers[PeerTags.Usda];
  if (usda === undefined) return [rejection(ErrorCodes.Unavailable, msg, "The Lock Manager is not configured yet")];
  // Recipient, not Target: in aos a Target key is the message's destination, not a tag.
  return [send(usda, Actions.Balance, { [Tags.Recipient]: ctx.self })];
}

/** The USDA process's answer to Sync-Balance (Action = Balance, or no Action at all). */
export function usdaBalance(state: LockManagerState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Usda)) {
    return [rejection(ErrorCodes.NotPeer, msg, msg.tags[Tags.Action] === undefined ? "Action tag is required" : "Only the configured " + PeerTags.Usda + " may send Balance")];
  }
  if (msg.tags[Tags.Account] !== ctx.self || msg.tags[Tags.Balance] === undefined) return [];
  const raw = msg.tags[Tags.Balance];
  const q = raw === "0" ? { ok: true as const, value: "0" } : parseNoticeQuantity(raw, Tags.Balance);
  if (!q.ok) return [rejection(q.code, msg, q.error)];
  // Only a reading newer than every USDA message already reflected here (see LockManagerState.usdaReference).
  const reference = usdaReferenceOf(msg);
  if (reference !== undefined && state.usdaReference !== undefined && reference <= state.usdaReference) return [];
  noteUsdaReference(state, msg);
  state.held = q.value;
  state.heldLedger = state.locked;
  return collateralReport(state);
}

/** USDA's number for its message (aos `Reference`, or `Ref_` before aos 2.0); undefined when it wrote neither. */
function usdaReferenceOf(msg: Message): number | undefined {
  return referenceNumber(msg.tags[Tags.Reference] ?? msg.tags[Tags.LegacyReference]);
}

/** Records that this USDA message is reflected in `held` or the ledger (LockManagerState.usdaReference). */
export function noteUsdaReference(state: LockManagerState, msg: Message): void {
  const reference = usdaReferenceOf(msg);
  if (reference !== undefined && (state.usdaReference === undefined || reference > state.usdaReference)) state.usdaReference = reference;
}
