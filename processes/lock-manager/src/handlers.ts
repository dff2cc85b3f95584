/** The Lock Manager's actions, each to its one handler. */
import { Actions, PeerTags, peerTagsOf } from "@tim3/protocol";
import { NO_ACTION, auditLog, claimReturns, configure, ignoreReturnDebits, returnMisdirected, type Handler } from "@tim3/process-kit";
import type { LockManagerState } from "./state";
import { syncBalance, usdaBalance } from "./handlers/balance-sync";
import { depositAccepted, usdaCreditNotice } from "./handlers/deposits";
import { lockManagerInfo } from "./handlers/info";
import { refundDeposit } from "./handlers/refunds";
import { release, resolveRelease, usdaDebitNotice, usdaTransferError } from "./handlers/releases";

export const lockManagerHandlers: Record<string, Handler<LockManagerState>> = {
  [Actions.Info]: lockManagerInfo,
  [Actions.CreditNotice]: returnMisdirected([PeerTags.TokenManager], usdaCreditNotice),
  [Actions.DebitNotice]: ignoreReturnDebits([PeerTags.TokenManager], usdaDebitNotice),
  [Actions.TransferError]: usdaTransferError,
  [Actions.DepositAccepted]: depositAccepted,
  [Actions.RefundDeposit]: refundDeposit,
  [Actions.Release]: release,
  [Actions.ResolveRelease]: resolveRelease,
  [Actions.SyncBalance]: syncBalance,
  [Actions.Balance]: usdaBalance,
  [NO_ACTION]: usdaBalance,
  [Actions.GetAuditLog]: auditLog,
  [Actions.ClaimReturns]: claimReturns,
  [Actions.Configure]: (s, m) => configure(s, m, peerTagsOf("lockManager")),
};
