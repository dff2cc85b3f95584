/**
 * Deposits: a USDA Credit-Notice is trusted only when it comes from the configured USDA process. With
 * X-Action = Mint it is locked and handed to the Coordinator; anything else is sent straight back with a reason.
 */
import {
  Actions, PeerTags, Tags, add, isAddress, isPeer, parseQuantity, peerOnly, rejection, requestIdOf, ringPush, send,
  tagOf, type Context, type Message, type Outgoing,
} from "@tim3/protocol";
import { DepositStatus, holderLedger, type LockManagerState } from "../state";
import { collateralReport, usdaTransfer } from "./usda-transfers";

export const NOT_A_MINT = "Send USDA with X-Action = Mint to mint TIM3; this transfer was returned";
export const NOT_CONFIGURED = "The Lock Manager is not configured yet; this transfer was returned";

export function usdaCreditNotice(state: LockManagerState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Usda)) return [peerOnly(msg, PeerTags.Usda)];
  const holder = tagOf(msg, Tags.Sender);
  const q = parseQuantity(msg.tags[Tags.Quantity], Tags.Quantity, true);
  if (holder === undefined || !isAddress(holder) || !q.ok) {
    return [rejection(msg, "Credit-Notice needs a Sender address and a Quantity")];
  }
  const request = requestIdOf(msg);
  const givenRequestId = tagOf(msg, Tags.XRequestId);
  if (tagOf(msg, Tags.XAction) !== Actions.Mint || !request.ok) {
    const reason = request.ok ? NOT_A_MINT : request.error + "; this transfer was returned";
    return [usdaTransfer(state, holder, q.value, Actions.Refund, givenRequestId, reason)];
  }
  const coordinator = state.core.peers[PeerTags.Coordinator];
  if (coordinator === undefined) {
    return [usdaTransfer(state, holder, q.value, Actions.Refund, givenRequestId, NOT_CONFIGURED)];
  }
  const evicted = ringPush(state.depositOrder, msg.id);
  if (evicted !== undefined) delete state.deposits[evicted];
  state.deposits[msg.id] = {
    holder,
    quantity: q.value,
    requestId: request.value,
    status: DepositStatus.Received,
    at: ctx.now,
  };
  state.locked = add(state.locked, q.value);
  const ledger = holderLedger(state, holder);
  ledger.deposited = add(ledger.deposited, q.value);
  const toCoordinator = send(coordinator, Actions.DepositReceived, {
    [Tags.DepositId]: msg.id,
    [Tags.RequestId]: request.value,
    [Tags.Holder]: holder,
    [Tags.Quantity]: q.value,
  });
  // The collateral report goes first, so the State Manager never sees the mint's new supply before the deposit.
  return [...collateralReport(state), toCoordinator];
}
