/** The Token Manager's actions, each to its one handler. */
import {
  Actions, PeerTags, peerTagsOf,
} from "@tim3/protocol";
import {
  Itself, balance, balances, auditLog, claimReturns, configure, returnMisdirected, tokenInfo, totalSupply, transfer, type Handler,
} from "@tim3/process-kit";
import type { TokenManagerState } from "./state";
import { burnTim3, mintTim3 } from "./handlers/supply";

export const tokenManagerHandlers: Record<string, Handler<TokenManagerState>> = {
  [Actions.Info]: (s, m) => tokenInfo(s, m, {}),
  [Actions.Balance]: balance,
  [Actions.Balances]: balances,
  [Actions.Transfer]: transfer,
  [Actions.TotalSupply]: totalSupply,
  [Actions.CreditNotice]: returnMisdirected([PeerTags.Usda, Itself]),
  [Actions.MintTim3]: mintTim3,
  [Actions.BurnTim3]: burnTim3,
  [Actions.GetAuditLog]: auditLog,
  [Actions.ClaimReturns]: claimReturns,
  [Actions.Configure]: (s, m) => configure(s, m, peerTagsOf("tokenManager")),
};
