export * from "./types";
export * from "./errors";
export * from "./tags";
export * from "./keys";
export * from "./signers";
export * from "./ao";
export * from "./client";
export * from "./reader";
export {
  toBaseUnits, fromBaseUnits, Scopes, ErrorCodes, OperationStatus, ReleaseOutcomes, type Scope, type ErrorCode, type ReleaseOutcome,
} from "@tim3/protocol";
export * from "./state-reads";
