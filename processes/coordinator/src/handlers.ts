/** The Coordinator's actions, each to its one handler. */
import { Actions, PeerTags, peerTagsOf } from "@tim3/protocol";
import { auditLog, claimReturns, configure, returnMisdirected, type Handler } from "@tim3/process-kit";
import type { CoordinatorState } from "./state";
import { circuitUpdate, setLimits } from "./handlers/admin";
import { depositReceived, tim3Minted } from "./handlers/mint-flow";
import { coordinatorInfo, getLimits, getOperation, getOperations } from "./handlers/queries";
import { releaseDisputed, releaseFailed, released, tim3Burned, tim3CreditNotice } from "./handlers/redeem-flow";
import { settleOperation } from "./handlers/settle";

export const coordinatorHandlers: Record<string, Handler<CoordinatorState>> = {
  [Actions.Info]: coordinatorInfo,
  [Actions.DepositReceived]: depositReceived,
  [Actions.Tim3Minted]: tim3Minted,
  [Actions.CreditNotice]: returnMisdirected([PeerTags.Usda], tim3CreditNotice),
  [Actions.Tim3Burned]: tim3Burned,
  [Actions.Released]: released,
  [Actions.ReleaseFailed]: releaseFailed,
  [Actions.ReleaseDisputed]: releaseDisputed,
  [Actions.GetOperation]: getOperation,
  [Actions.GetOperations]: getOperations,
  [Actions.GetLimits]: getLimits,
  [Actions.SetLimits]: setLimits,
  [Actions.CircuitUpdate]: circuitUpdate,
  [Actions.SettleOperation]: settleOperation,
  [Actions.GetAuditLog]: auditLog,
  [Actions.ClaimReturns]: claimReturns,
  [Actions.Configure]: (s, m) => configure(s, m, peerTagsOf("coordinator")),
};
