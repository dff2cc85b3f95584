/**
 * The JSON the processes put in their replies' Data and publish, typed once: each type is inferred from its zod schema
 * in ./schemas (the SDK validates with the same schemas, `@tim3/protocol/schemas`). The processes build them with these
 * types and the SDK and the apps read them with the same ones, so a field added or renamed in a process is a type
 * error in every reader. Quantities are decimal strings of base units; times are AO milliseconds. Type-only here, so
 * the Lua build of the processes never meets zod.
 */
export type {
  AuditEntry, Circuit, EnforcedCircuit, FlowLimitTags, Health, HealthComponents, HistoryPoint, Limits, OperationRecord, Reserves, TokenInfo,
  UnsettledTransfer,
} from "./schemas";
/** The deploy state file and the apps' config.json, declared once (./schemas). */
export type { AppConfig, ConsoleConfig, DeployedProcess, DeployState } from "./schemas";

export { TransferKinds, TransferStates, type TransferState } from "./transfers";
