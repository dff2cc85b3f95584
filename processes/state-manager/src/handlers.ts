/** The State Manager's actions, each to its one handler. */
import { Actions, PeerTags, peerTagsOf } from "@tim3/protocol";
import { auditLog, claimReturns, configure, returnMisdirected, type Handler } from "@tim3/process-kit";
import type { StateManagerState } from "./state";
import { pause, resume } from "./handlers/circuit";
import { evaluateNow } from "./reserves/breaker";
import { getHealth, getHistory, getReserves, stateManagerInfo } from "./handlers/queries";
import { reportCollateral, reportOperations, reportSupply } from "./handlers/reports";

export const stateManagerHandlers: Record<string, Handler<StateManagerState>> = {
  [Actions.Info]: stateManagerInfo,
  [Actions.CreditNotice]: returnMisdirected([PeerTags.Usda, PeerTags.TokenManager]),
  [Actions.ReportSupply]: reportSupply,
  [Actions.ReportCollateral]: reportCollateral,
  [Actions.ReportOperations]: reportOperations,
  [Actions.Pause]: pause,
  [Actions.Resume]: resume,
  [Actions.GetReserves]: getReserves,
  [Actions.GetHealth]: getHealth,
  [Actions.GetHistory]: getHistory,
  [Actions.GetAuditLog]: auditLog,
  [Actions.ClaimReturns]: claimReturns,
  [Actions.Configure]: (s, m) => configure(s, m, peerTagsOf("stateManager")),
};

/** Runs before every message, whatever its action, reads included: the breaker is judged at the message's timestamp. */
export const judgeEveryMessage: Handler<StateManagerState> = (state, _msg, ctx) => evaluateNow(state, ctx.now);
