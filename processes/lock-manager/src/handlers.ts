/** The Lock Manager's actions, each to its one handler. */
import { Actions, PeerTags, auditLog, configure, type Handler } from "@tim3/protocol";
import type { LockManagerState } from "./state";
import { syncBalance, usdaBalance } from "./handlers/balance-sync";
import { usdaCreditNotice } from "./handlers/deposits";
import { lockManagerInfo } from "./handlers/info";
import { refundDeposit } from "./handlers/refunds";
import { release, usdaDebitNotice } from "./handlers/releases";

export const lockManagerHandlers: Record<string, Handler<LockManagerState>> = {
  [Actions.Info]: lockManagerInfo,
  [Actions.CreditNotice]: usdaCreditNotice,
  [Actions.DebitNotice]: usdaDebitNotice,
  [Actions.RefundDeposit]: refundDeposit,
  [Actions.Release]: release,
  [Actions.SyncBalance]: syncBalance,
  [Actions.Balance]: usdaBalance,
  [Actions.GetAuditLog]: auditLog,
  [Actions.Configure]: (s, m) => configure(s, m, [PeerTags.Usda, PeerTags.Coordinator, PeerTags.StateManager]),
};
