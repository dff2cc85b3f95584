export * from "./types";
export * from "./errors";
export * from "./tags";
export * from "./keys";
export * from "./signers";
export * from "./ao";
export * from "./client";
export { toBaseUnits, fromBaseUnits, Scopes, ErrorCodes, type Scope, type ErrorCode } from "@tim3/protocol";
export * from "./state-reads";
