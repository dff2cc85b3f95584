export * from "./types";
export * from "./errors";
export * from "./tags";
export * from "./keys";
export * from "./signers";
export * from "./ao";
export * from "./node-charging";
export * from "./client";
export * from "./reader";
export * from "./usda-schedule";
export {
  toBaseUnits, fromBaseUnits, Scopes, ErrorCodes, OperationStatus, ReleaseOutcomes, TransferKinds, TransferStates, DISPUTE_REMEDY, usdaVerdict,
  type Scope, type ErrorCode, type ReleaseOutcome, type UnsettledTransfer, type ScheduledTransfer,
} from "@tim3/protocol";
export * from "./state-reads";
