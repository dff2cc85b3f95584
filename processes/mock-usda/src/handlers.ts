/** Mock USDA's actions, each to its one handler; process.ts registers this table with aos, tests call it directly. */
import { Actions, peerTagsOf } from "@tim3/protocol";
import { balances, auditLog, configure, tokenInfo, totalSupply, transfer, type Handler } from "@tim3/process-kit";
import type { MockUsdaState } from "./state";
import { balanceWithLocked } from "./handlers/balance";
import { faucet, setFaucet } from "./handlers/faucet";
import { lock, transferLocked, unlock } from "./handlers/escrow";
import { burnUsda, mintUsda } from "./handlers/supply";

export const mockUsdaHandlers: Record<string, Handler<MockUsdaState>> = {
  [Actions.Info]: (s, m) => tokenInfo(s, m, {}),
  [Actions.Balance]: balanceWithLocked,
  [Actions.Balances]: balances,
  [Actions.Transfer]: transfer,
  [Actions.TotalSupply]: totalSupply,
  [Actions.Mint]: mintUsda,
  [Actions.Burn]: burnUsda,
  [Actions.Faucet]: faucet,
  [Actions.SetFaucet]: setFaucet,
  [Actions.Lock]: lock,
  [Actions.Unlock]: unlock,
  [Actions.TransferLocked]: transferLocked,
  [Actions.GetAuditLog]: auditLog,
  [Actions.Configure]: (s, m) => configure(s, m, peerTagsOf("usda")),
};
