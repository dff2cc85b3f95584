/** The Lock Manager's actions, each to its one handler. */
import { Actions, PeerTags, auditLog, configure, ignoreReturnDebits, returnMisdirected, type Handler } from "@tim3/protocol";
import type { LockManagerState } from "./state";
import { syncBalance, usdaBalance } from "./handlers/balance-sync";
import { usdaCreditNotice } from "./handlers/deposits";
import { lockManagerInfo } from "./handlers/info";
import { refundDeposit } from "./handlers/refunds";
import { release, usdaDebitNotice } from "./handlers/releases";

export const lockManagerHandlers: Record<string, Handler<LockManagerState>> = {
  [Actions.Info]: lockManagerInfo,
  [Actions.CreditNotice]: returnMisdirected([PeerTags.TokenManager], usdaCreditNotice),
  [Actions.DebitNotice]: ignoreReturnDebits([PeerTags.TokenManager], usdaDebitNotice),
  [Actions.RefundDeposit]: refundDeposit,
  [Actions.Release]: release,
  [Actions.SyncBalance]: syncBalance,
  [Actions.Balance]: usdaBalance,
  [Actions.GetAuditLog]: auditLog,
  [Actions.Configure]: (s, m) => configure(s, m, [PeerTags.Usda, PeerTags.TokenManager, PeerTags.Coordinator, PeerTags.StateManager]),
};
