/**
 * TIM3's reads on their own: everything a page shows (balances, operations, reserves, health, history, limits, audit,
 * Info) from the state the processes expose, by HTTP GETs (./state-reads), with no aoconnect and no signing stack.
 * Published as `@tim3/sdk/reads`, so an app shows balances as soon as its config is loaded instead of after the SDK's
 * signing code (most of its JavaScript) has loaded. The full client (./client) reads through one of these.
 * Every account is named: a reader has no wallet.
 */
import {
  Actions, ErrorCodes, Tags, TokenNames, fromBaseUnits, isAddress, toBaseUnits, type AuditEntry, type Health, type HistoryPoint, type OperationKindName, type OperationRecord, type OwedTokens, type ProcessRole,
  type Limits, type Reserves, type TokenInfo, type TokenName, type UnsettledTransfer,
} from "@tim3/protocol";
import { ClientErrorCodes, Tim3Error } from "./errors";
import { createStateReader, type StateFetch, type StateReader, type TokenForm } from "./state-reads";
import { requireQuantity } from "./tags";
import { createUsdaVerdictReader, type UsdaVerdictReading } from "./usda-schedule";
import type { Quantity, Tim3Processes } from "./types";

// A page names its request before the signing code has loaded (the tracker shows it from the first click).
export { newRequestId } from "./tags";
export { verdictsOffered, type UsdaVerdictReading } from "./usda-schedule";

export type { TokenName };
export type ProcessRef = ProcessRole | string;

/** One operation as the Coordinator reports it (libs/protocol's OperationRecord). */
export type Operation = OperationRecord;

/** A token's exposed `token-info`; Get-Limits. */
export type { Limits, TokenInfo };

/**
 * The processes that keep returns past their limit (libs/protocol returns.ts): every TIM3 process but the USDA, which
 * TIM3 does not run.
 */
export const OWING_ROLES = ["lockManager", "tokenManager", "coordinator", "stateManager"] as const satisfies readonly ProcessRole[];
export type OwingRole = (typeof OWING_ROLES)[number];

/** What one process keeps for an account (`owed-<account>`): `owed` is [] when nothing. */
export interface OwedReturns {
  role: OwingRole;
  process: string;
  owed: OwedTokens;
}

export interface Tim3ReaderOptions {
  /** The HyperBEAM node the state is read from. */
  nodeUrl: string;
  processes: Tim3Processes;
  /** How the USDA publishes its state (see Tim3ClientOptions.usdaForm): its balance is then one round trip. */
  usdaForm?: TokenForm;
  /** The GET state reads are sent with (default: the platform fetch; Node clients: `nodeFetch()` of @tim3/sdk/node). */
  fetch?: StateFetch;
  /** USDA's authorities, when its spawn is not on the node's schedule (see ./usda-schedule.ts). */
  usdaAuthorities?: string[];
}

export interface Tim3Reader {
  /** The GETs themselves, by process id and key. */
  readonly state: StateReader;
  readonly processes: Tim3Processes;
  processId(ref: ProcessRef): string;
  /** Info of a process: tags (Name, Version, Source-Hash, Admin, peers, …). */
  info(process: ProcessRef): Promise<Record<string, string>>;
  denomination(token: TokenName): Promise<number>;
  toUnits(token: TokenName, human: string): Promise<Quantity>;
  fromUnits(token: TokenName, quantity: Quantity): Promise<string>;
  balance(token: TokenName, account: string): Promise<Quantity>;
  totalSupply(token: TokenName): Promise<Quantity>;
  /** The holder's operation with this request id (undefined when none, or when it is not of `kind`). */
  getOperation(requestId: string, owner: { holder: string; kind?: OperationKindName }): Promise<Operation | undefined>;
  reserves(): Promise<Reserves>;
  health(): Promise<Health>;
  history(limit?: number): Promise<HistoryPoint[]>;
  operations(holder: string): Promise<Operation[]>;
  /** Every pending operation the Coordinator holds (at most 50), with createdAt. */
  pendingOperations(): Promise<Operation[]>;
  /** Redeems whose release is disputed (at most 50): the Coordinator's view; the admin acts on unsettledTransfers. */
  disputedOperations(): Promise<Operation[]>;
  /**
   * The Lock Manager's transfers USDA has not confirmed (releases, refunds, returns; at most 50), each with the
   * X-Reference of its Transfer: the admin resolves one with resolveRelease only as USDA's own result for that
   * Transfer says (`usdaVerdict` from @tim3/protocol; DISPUTE_REMEDY), never from balances.
   */
  unsettledTransfers(): Promise<UnsettledTransfer[]>;
  /**
   * USDA's own verdict on an unsettled transfer: `paid` or `failed` once USDA has computed the Lock Manager's Transfer
   * with its X-Reference (read from USDA's schedule and that message's result, ./usda-schedule.ts), else `pending`.
   * The only verdict the admin's tools offer.
   */
  usdaVerdict(transfer: Pick<UnsettledTransfer, "reference" | "at">): Promise<UsdaVerdictReading>;
  limits(): Promise<Limits>;
  /** Per TIM3 process (Lock Manager, Token Manager, Coordinator, State Manager), what it keeps for `account`: one GET each. */
  owedReturns(account: string): Promise<OwedReturns[]>;
  /** Newest first: the admin actions a process accepted (default: the State Manager). */
  auditLog(process?: ProcessRef, limit?: number): Promise<AuditEntry[]>;
}

export function createTim3Reader(options: Tim3ReaderOptions): Tim3Reader {
  const processes = options.processes;
  // TIM3's own token publishes TIM3's form; the USDA may be TIM3's mock or a blueprint token (the real one).
  const forms: Record<string, TokenForm> = { [processes.tokenManager]: "tim3" };
  if (options.usdaForm !== undefined) forms[processes.usda] = options.usdaForm;
  const state = createStateReader({ nodeUrl: options.nodeUrl, forms, fetch: options.fetch });
  const denominations: Partial<Record<TokenName, number>> = {};
  const verdicts = createUsdaVerdictReader({
    nodeUrl: options.nodeUrl, usda: processes.usda, lockManager: processes.lockManager, fetch: options.fetch, usdaAuthorities: options.usdaAuthorities,
  });

  const processId = (ref: ProcessRef): string => (ref in processes ? processes[ref as ProcessRole] : ref);
  const tokenId = (token: TokenName): string => (token === TokenNames.Usda ? processes.usda : processes.tokenManager);

  const reader: Tim3Reader = {
    state,
    processes,
    processId,
    info: (process) => state.processInfo(processId(process)),
    async denomination(token) {
      const known = denominations[token];
      if (known !== undefined) return known;
      // From token-info, which a token exposes (the aos token blueprint too), not from TIM3's own process-info.
      const d = Number((await state.tokenInfo(tokenId(token))).denomination);
      if (!Number.isInteger(d) || d < 0) throw new Tim3Error(`${token} has no valid Denomination`, { code: ClientErrorCodes.BadState, action: Actions.Info });
      denominations[token] = d;
      return d;
    },
    async toUnits(token, human) {
      const r = toBaseUnits(human, await reader.denomination(token));
      if (!r.ok) throw new Tim3Error(r.error, { code: r.code, action: "validate" });
      return r.value;
    },
    async fromUnits(token, quantity) {
      return fromBaseUnits(requireQuantity(quantity, Tags.Quantity, false), await reader.denomination(token));
    },
    balance: (token, account) => state.balance(tokenId(token), account),
    async totalSupply(token) {
      return (await state.tokenInfo(tokenId(token))).supply;
    },
    async getOperation(requestId, { holder, kind }) {
      // Checked here as the Coordinator checks its Holder tag: no GET is made for what cannot be an address.
      if (!isAddress(holder)) throw new Tim3Error("Holder must be an address", { code: ErrorCodes.Malformed, action: "validate" });
      return state.operation(processes.coordinator, holder, requestId, kind);
    },
    reserves: () => state.reserves(processes.stateManager),
    health: () => state.health(processes.stateManager),
    history: (limit) => state.history(processes.stateManager, limit),
    operations: (holder) => state.operations(processes.coordinator, holder),
    pendingOperations: () => state.pendingOperations(processes.coordinator),
    disputedOperations: () => state.disputedOperations(processes.coordinator),
    unsettledTransfers: () => state.unsettledTransfers(processes.lockManager),
    usdaVerdict: (transfer) => verdicts.read(transfer),
    limits: () => state.limits(processes.coordinator),
    async owedReturns(account) {
      // Checked as a process checks From: no GET is made for what cannot be an address.
      if (!isAddress(account)) throw new Tim3Error("Account must be an address", { code: ErrorCodes.Malformed, action: "validate" });
      return Promise.all(OWING_ROLES.map(async (role) => ({ role, process: processes[role], owed: await state.owed(processes[role], account) })));
    },
    auditLog: (process = "stateManager", limit) => state.auditLog(processId(process), limit),
  };
  return reader;
}
