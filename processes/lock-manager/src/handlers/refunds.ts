/**
 * Refunds: the Coordinator refused a deposit (paused, over a limit, a request id the holder used already). The
 * deposit leaves the backing and goes back to its holder with the Coordinator's reason. Deposits are kept for good,
 * so a refund that arrives late still finds its deposit; each is refunded at most once, and never after minting. It
 * is `refunding` until USDA's Debit-Notice for its transfer says it arrived (answers.ts).
 */
import {
  ErrorCodes, PeerTags, Tags, add, sub,
} from "@tim3/protocol";
import {
  isPeer, peerOnly, rejection, returnNowOrOwe, ringPush, tagOf, type Context, type Message, type Outgoing,
} from "@tim3/process-kit";
import { DepositStatus, holderLedger, type LockManagerState } from "../state";
import { collateralReport, payBack } from "./usda-transfers";

export function refundDeposit(state: LockManagerState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Coordinator)) return [peerOnly(msg, PeerTags.Coordinator)];
  const depositId = tagOf(msg, Tags.DepositId);
  const deposit = depositId === undefined ? undefined : state.deposits[depositId];
  if (depositId === undefined || deposit === undefined) return [rejection(ErrorCodes.NotFound, msg, "Unknown deposit: " + String(depositId))];
  if (deposit.status !== DepositStatus.Received) return [rejection(ErrorCodes.AlreadyFinal, msg, "Deposit " + depositId + " is already " + deposit.status)];
  const reason = tagOf(msg, Tags.Reason) ?? "Refused by the Coordinator";
  deposit.status = DepositStatus.Refunding;
  state.locked = sub(state.locked, deposit.quantity);
  const ledger = holderLedger(state, deposit.holder);
  ledger.refunded = add(ledger.refunded, deposit.quantity);
  // Past the return limit of this request id (process-kit returns.ts: an automation echoing refunds back under one
  // label) the USDA is kept as owed to the holder, out of the backing, until its Claim-Returns: settled like a confirmed refund (only the notice's identity stays, its record goes to the ring).
  if (!returnNowOrOwe(state.core, state.core.peers[PeerTags.Usda], deposit.holder, deposit.quantity, ctx.now, deposit.requestId)) {
    deposit.status = DepositStatus.Refunded;
    ringPush(state.returns, deposit);
    delete state.deposits[depositId];
    return collateralReport(state);
  }
  return [
    ...collateralReport(state),
    payBack(state, depositId, deposit, msg, reason),
  ];
}
