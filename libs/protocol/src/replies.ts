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

/**
 * What each USDA transfer of the Lock Manager is for: a redeem's release, a refused deposit's refund, or a transfer
 * that was not a mint sent straight back.
 */
export const TransferKinds = { Release: "release", Refund: "refund", Return: "return" } as const;

/**
 * A transfer USDA has not confirmed: `sent` (no answer yet, or one that named no reference) or `disputed` (a
 * Transfer-Error echoed its reference, which anyone can cause). Either way only USDA's own result for the Lock
 * Manager's Transfer decides it: its Debit-Notice settles it by itself; the admin's Resolve-Release follows that result.
 */
export const TransferStates = { Sent: "sent", Disputed: "disputed" } as const;
export type TransferState = (typeof TransferStates)[keyof typeof TransferStates];
