/** Sending USDA out: every transfer the Lock Manager makes, carrying the request id and a readable reason. */
import { Actions, PeerTags, Tags, nextSequence, send, type Outgoing } from "@tim3/protocol";
import type { LockManagerState } from "../state";

/**
 * `reference` becomes X-Reference: the key the transfer is paid under (the operation key of a release, the deposit
 * id of a refund). A blueprint token echoes it on its Debit-Notice or Transfer-Error, so an answer can be matched;
 * and every USDA leaving the Lock Manager names what it was paid for.
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
