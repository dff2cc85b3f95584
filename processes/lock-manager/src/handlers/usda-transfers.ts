/** Sending USDA out: every transfer the Lock Manager makes, carrying the request id and a readable reason. */
import {
  Actions, PeerTags, Tags, TransferStates, parseNoticeQuantity,
} from "@tim3/protocol";
import {
  nextSequence, send, type Message, type Outgoing,
} from "@tim3/process-kit";
import type { Deposit, LockManagerState } from "../state";

/**
 * `reference` becomes X-Reference (`transferReference`): the key the transfer is paid under (the operation key of a
 * release, the deposit id of a refund or return) and the message it was sent in. A blueprint token echoes it on its
 * Debit-Notice or Transfer-Error, so an answer can be matched; and every USDA leaving the Lock Manager names what it
 * was paid for.
 */
export function usdaTransfer(
  state: LockManagerState,
  recipient: string,
  quantity: string,
  xAction: string,
  requestId: string | undefined,
  reason: string | undefined,
  reference?: string,
): Outgoing {
  const tags: Record<string, string> = {
    [Tags.Recipient]: recipient,
    [Tags.Quantity]: quantity,
    [Tags.XAction]: xAction,
  };
  if (requestId !== undefined) tags[Tags.XRequestId] = requestId;
  if (reason !== undefined) tags[Tags.XReason] = reason;
  if (reference !== undefined) tags[Tags.XReference] = reference;
  return send(state.core.peers[PeerTags.Usda], Actions.Transfer, tags);
}

export function collateralReport(state: LockManagerState): Outgoing[] {
  const sm = state.core.peers[PeerTags.StateManager];
  if (sm === undefined) return [];
  const tags: Record<string, string> = { [Tags.Collateral]: state.locked, [Tags.Sequence]: nextSequence(state.core) };
  tags[Tags.Disputed] = state.disputed;
  if (state.held !== "") tags[Tags.Held] = state.held;
  // Empty only for a reading taken before an upgrade introduced it: the State Manager then compares with Collateral.
  if (state.heldLedger !== "") tags[Tags.HeldLedger] = state.heldLedger;
  return [send(sm, Actions.ReportCollateral, tags)];
}

/**
 * The X-Reference of a transfer: the key it is paid under, and the id of the message being evaluated when it is sent,
 * which nobody can know before that message is assigned here (no answer for it can be prepared in advance).
 */
export function transferReference(key: string, sentIn: Message): string {
  return key + "/" + sentIn.id;
}

/** True when a notice's Quantity is the amount sent, read the way USDA reads it ("007" is 7); or exactly as sent. */
export function sameQuantity(notice: string | undefined, sent: string): boolean {
  if (notice === sent) return true;
  const q = parseNoticeQuantity(notice, Tags.Quantity);
  return q.ok && q.value === sent;
}

/** Sends a deposit back (a refund or a return), waiting for USDA's confirmation under a new reference. */
export function payBack(state: LockManagerState, depositId: string, deposit: Deposit, sentIn: Message, reason: string): Outgoing {
  const reference = transferReference(depositId, sentIn);
  const attempts = deposit.transfer === undefined ? 1 : deposit.transfer.attempts + 1;
  if (deposit.transfer !== undefined) delete state.awaiting[deposit.transfer.reference];
  deposit.transfer = { reference, status: TransferStates.Sent, reason, error: "", attempts, at: sentIn.timestamp };
  state.awaiting[reference] = depositId;
  const requestId = deposit.requestId === "" ? undefined : deposit.requestId;
  return usdaTransfer(state, deposit.holder, deposit.quantity, Actions.Refund, requestId, reason, reference);
}
