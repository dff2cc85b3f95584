/**
 * Deposits: a USDA Credit-Notice is trusted only when it comes from the configured USDA process, and acted on once
 * per identity, kept for good (a refund or return USDA confirmed keeps that alone: see ../state.ts). With X-Action = Mint it is locked and handed to the Coordinator; anything else is
 * sent straight back with a reason (at most ReturnLimits.perSender times per window to one sender; past that it is
 * kept as owed to it, see process-kit returns.ts). A quantity USDA moved but this process cannot read is sent back as
 * USDA wrote it.
 */
import {
  ErrorCodes, Actions, PeerTags, Tags, add, isAddress, isRequestId, parseNoticeQuantity,
} from "@tim3/protocol";
import {
  countForGood, isPeer, peerOnly, returnNowOrOwe, rejection, requestIdOf, send, tagOf, type Context, type Message, type Outgoing,
} from "@tim3/process-kit";
import { DepositStatus, holderLedger, type LockManagerState } from "../state";
import { collateralReport, payBack } from "./usda-transfers";
import { noteUsdaReference } from "./balance-sync";

const NOT_A_MINT = "Send USDA with X-Action = Mint to mint TIM3; this transfer was returned";
const NOT_CONFIGURED = "The Lock Manager is not configured yet; this transfer was returned";

export function usdaCreditNotice(state: LockManagerState, msg: Message, ctx: Context): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Usda)) return [peerOnly(msg, PeerTags.Usda)];
  // Delivered again (a replay, however late): the first delivery acted already.
  if (state.deposits[msg.id] !== undefined || state.returned[msg.id] !== undefined) return [];
  const holder = tagOf(msg, Tags.Sender);
  const raw = tagOf(msg, Tags.Quantity);
  if (holder === undefined || !isAddress(holder) || raw === undefined) {
    return [rejection(ErrorCodes.Missing, msg, "Credit-Notice needs a Sender address and a Quantity")];
  }
  // Every path below records a deposit: the notice counts for good by its identity (USDA's Reference), so a copy a
  // node pushes again under a new id is no second deposit (the deposit id is this delivery's id, new in a copy).
  countForGood(state.core, msg);
  noteUsdaReference(state, msg);
  // A request id is kept or passed on only when it is one (at most 128 printable characters): a stranger's tag of any
  // length is neither stored nor forwarded.
  const given = tagOf(msg, Tags.XRequestId);
  const givenRequestId = given !== undefined && isRequestId(given) ? given : undefined;
  // Sent back, it stays a full record until USDA's Debit-Notice confirms it (a refused return waits, shown and
  // retryable); once confirmed it keeps its id alone (releases.ts, paidBack).
  const giveBack = (quantity: string, reason: string): Outgoing[] => {
    // Past the holder's return limit the USDA is kept as owed to it (never locked, never collateral) until it sends
    // Claim-Returns (process-kit returns.ts): a sender's automation cannot bounce it back here for ever. A quantity this
    // process cannot read cannot be added up: it goes back as USDA wrote it.
    const readable = parseNoticeQuantity(quantity, Tags.Quantity);
    if (readable.ok && !returnNowOrOwe(state.core, msg.from, holder, readable.value, ctx.now)) return [];
    const deposit = { holder, quantity, requestId: givenRequestId ?? "", status: DepositStatus.Returning, at: ctx.now };
    state.deposits[msg.id] = deposit;
    return [payBack(state, msg.id, deposit, msg, reason)];
  };
  const q = parseNoticeQuantity(raw, Tags.Quantity);
  // USDA moved it, so USDA reads it: the same string sent back moves the same amount back.
  if (!q.ok) return giveBack(raw, q.error + "; this transfer was returned");
  const request = requestIdOf(msg);
  if (tagOf(msg, Tags.XAction) !== Actions.Mint) return giveBack(q.value, NOT_A_MINT);
  if (!request.ok) return giveBack(q.value, request.error + "; this transfer was returned");
  const coordinator = state.core.peers[PeerTags.Coordinator];
  if (coordinator === undefined) return giveBack(q.value, NOT_CONFIGURED);
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

/** The Coordinator accepted the deposit for minting: from now on it can never be refunded. */
export function depositAccepted(state: LockManagerState, msg: Message): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.Coordinator)) return [peerOnly(msg, PeerTags.Coordinator)];
  const depositId = tagOf(msg, Tags.DepositId);
  const deposit = depositId === undefined ? undefined : state.deposits[depositId];
  if (deposit === undefined) return [rejection(ErrorCodes.NotFound, msg, "Unknown deposit: " + String(depositId))];
  if (deposit.status === DepositStatus.Minted) return [];
  if (deposit.status !== DepositStatus.Received) return [rejection(ErrorCodes.AlreadyFinal, msg, "Deposit " + depositId + " is already " + deposit.status)];
  deposit.status = DepositStatus.Minted;
  return [];
}
