/**
 * The reply shapes as zod schemas: what the processes publish (patch@1.0) and put in their replies' Data, declared
 * once. Every TypeScript type of a reply (`Reserves`, `OperationRecord`, …) is inferred from its schema here, so the
 * processes that build them and the SDK that reads them share one declaration, and the SDK validates what it reads
 * with the very schema its type comes from (no casts).
 *
 * Node-only: published as `@tim3/protocol/schemas`. The processes import the inferred types only (`import type`,
 * erased when compiled to Lua), never a value of this file, so the Lua bundles never meet zod.
 *
 * Values are accepted as a HyperBEAM node's JSON serialiser may render them: numbers or booleans as strings, lists as
 * arrays or as maps keyed "1", "2", …; field names already mapped back to camelCase by the reader (the SDK's
 * state reads), maps of tags (Info, limits) with lowercase names are given back the protocol's tag names.
 */
import { z } from "zod";
import { isAddress } from "./address";
import { exposedName, TokenForms } from "./cache-keys";
import { TransferKinds, TransferStates } from "./transfers";
import { OperationKind, OperationStatus, Scopes, Tags, TripCauses } from "./tags";
import { PeerTags, ProcessRoles, type ProcessRole } from "./topology";

/** A quantity: a string of decimal digits (base units). */
export const quantitySchema = z.string().regex(/^[0-9]+$/, "a quantity is a string of decimal digits");
const num = z.coerce.number().refine(Number.isFinite, "a finite number");
const bool = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);
const values = <T extends Record<string, string>>(table: T) => Object.values(table) as [T[keyof T], ...T[keyof T][]];

/** A list as an array, or as a map keyed by position ("1", "2", … as HyperBEAM may render it). */
export function listSchema<O>(item: z.ZodType<O, z.ZodTypeDef, unknown>) {
  return z.preprocess((v) => {
    if (Array.isArray(v) || v === null || typeof v !== "object") return v;
    const entries = Object.entries(v as Record<string, unknown>).filter(([k]) => /^\d+$/.test(k));
    if (entries.length !== Object.keys(v).length) return v;
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, x]) => x);
  }, z.array(item));
}

/** What a process owes one sender (`owed-<sender>`, returns.ts OwedTokens): each token process and its quantity. */
export const owedTokensSchema = listSchema(z.object({ token: z.string().min(1), quantity: quantitySchema }));

const TAG_NAMES = new Map<string, string>([...Object.values(Tags), ...Object.values(PeerTags)].map((t) => [exposedName(t), t]));

/** `source-hash` → `Source-Hash`: the protocol's tag name, or each word capitalised for a tag it does not name. */
function tagName(name: string): string {
  return TAG_NAMES.get(name) ?? name.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("-");
}

/** A map of tags as published (lowercase names, or camelCase once read back) with the protocol's tag names restored. */
function fromExposedTags(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [tagName(exposedName(k)), v]));
}

const tagValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

/** Info (`process-info`): tags by name (Name, Version, Source-Hash, Admin, Owner, the peers, …). */
export const processInfoSchema = z.preprocess(fromExposedTags, z.record(z.string(), tagValue));

/** A token's `token-info` (TIM3's tokens under `cache/`, a blueprint token at the root of its state). */
export const tokenInfoSchema = z.object({
  name: z.string(),
  ticker: z.string(),
  denomination: z.coerce.string().regex(/^[0-9]+$/),
  logo: z.string(),
  supply: quantitySchema,
});
export type TokenInfo = z.output<typeof tokenInfoSchema>;

/** The health score's parts, each weighted into `health`. */
const healthComponentsSchema = z.object({ backing: num, inFlight: num, freshness: num, pause: num });
export type HealthComponents = z.output<typeof healthComponentsSchema>;

/** The State Manager's circuit breaker, judged at the time of the read. */
export const circuitSchema = z
  .object({
    mintPaused: bool,
    redeemPaused: bool,
    reason: z.string(),
    /** Mint was paused by the State Manager itself; `trip` says why. (Absent from a State Manager older than trips.) */
    tripped: bool.default(false),
    /** Redeem was paused by the State Manager itself: a release is disputed (see Reserves.disputed). */
    redeemTripped: bool.optional(),
    /** Why Mint tripped; "" when it has not. */
    trip: z.union([z.enum(values(TripCauses)), z.literal("")]).optional(),
    /** What the admin can do about an automatic trip. */
    remedy: z.string().optional(),
  });
export type Circuit = z.output<typeof circuitSchema>;

/** Get-Health (and `health`): the score, and the breaker as judged at the time of the read. */
export const healthSchema = z.object({
  health: num,
  components: healthComponentsSchema,
  stale: bool,
  backingBroken: bool,
  balanceDeficit: quantitySchema,
  circuit: circuitSchema,
  /** When the exposed value was published (the exposed form only). */
  at: num.optional(),
});
export type Health = z.output<typeof healthSchema>;

/** Get-Reserves (and `reserves`) on the State Manager. */
export const reservesSchema = z.object({
  supply: quantitySchema,
  collateral: quantitySchema,
  ratioBps: z.coerce.string(),
  surplus: quantitySchema,
  /** USDA that reached the Lock Manager outside the protocol: shown, never backing. */
  outsideSurplus: quantitySchema,
  deficit: quantitySchema,
  mintInFlight: quantitySchema,
  redeemInFlight: quantitySchema,
  pendingCount: num,
  /** Age of the oldest pending operation (0 when none). */
  oldestPendingAgeMs: num,
  health: num,
  components: healthComponentsSchema,
  stale: bool,
  circuit: circuitSchema,
  /** The USDA balance USDA last reported for the Lock Manager ("" before any Sync-Balance) and its ledger then. */
  held: z.union([quantitySchema, z.literal("")]),
  heldLedger: z.union([quantitySchema, z.literal("")]),
  /** USDA reported beyond the ledger (shown, never backing) and the ledger beyond what USDA reported (flagged). */
  balanceSurplus: quantitySchema,
  balanceDeficit: quantitySchema,
  /**
   * USDA of releases in dispute: sent by the Lock Manager, then answered by a Transfer-Error anyone can cause. Counted
   * neither in collateral (it may have left) nor as paid; the redeemers' TIM3 is burned, so supply excludes it too.
   * Absent from a State Manager older than disputes.
   */
  disputed: quantitySchema.default("0"),
  /** When the State Manager last heard from each reporter (ms since the epoch; 0 = never). */
  reportedAt: z.object({ supply: num, collateral: num, operations: num }),
  /** When the exposed value was published (the exposed form only). */
  at: num.optional(),
});
export type Reserves = z.output<typeof reservesSchema>;

/** Get-History: one point of the State Manager's history. */
export const historyPointSchema = z.object({ at: num, supply: quantitySchema, collateral: quantitySchema, ratioBps: z.coerce.string(), health: num });
export type HistoryPoint = z.output<typeof historyPointSchema>;

/** Get-Operation(s) on the Coordinator: one mint or redeem. */
export const operationRecordSchema = z.object({
  /** The Coordinator's key for the operation (the id of the deposit or redeem notice it was recorded under). */
  operation: z.string(),
  /** The holder's label for it: unique only together with `holder`. */
  requestId: z.string(),
  kind: z.enum(values(OperationKind)),
  holder: z.string(),
  quantity: quantitySchema,
  status: z.enum(values(OperationStatus)),
  reason: z.string(),
  createdAt: num,
  updatedAt: num,
  burned: bool,
  released: bool,
});
export type OperationRecord = z.output<typeof operationRecordSchema>;

/** One entry of the Lock Manager's `unsettled-transfers`. */
export const unsettledTransferSchema = z.object({
  /** What Resolve-Release names: the redeem's operation key, or the deposit id of a refund or return. */
  operation: z.string(),
  kind: z.enum(values(TransferKinds)),
  holder: z.string(),
  quantity: z.string(),
  /** The X-Reference of the Lock Manager's Transfer now awaiting USDA's answer. */
  reference: z.string(),
  status: z.enum(values(TransferStates)),
  reason: z.string(),
  /** How many Transfers were sent for it (a refused refund or return is sent again on the admin's word). */
  attempts: num,
  at: num,
});
export type UnsettledTransfer = z.output<typeof unsettledTransferSchema>;

const limitAmount = tagValue.pipe(quantitySchema);

/** One flow's limits as tags (Get-Limits, Set-Limits-Done): base units, "0" = none (Min excepted); the window in ms. */
const flowLimitTagsSchema = z.preprocess(
  fromExposedTags,
  z.object({
    [Tags.Scope]: z.enum([Scopes.Mint, Scopes.Redeem]),
    [Tags.Min]: limitAmount,
    [Tags.Max]: limitAmount,
    [Tags.HolderCap]: limitAmount,
    [Tags.GlobalCap]: limitAmount,
    [Tags.WindowMs]: limitAmount,
  }),
);
export type FlowLimitTags = z.output<typeof flowLimitTagsSchema>;

/** The circuit as the Coordinator enforces it (the State Manager's Circuit-Update, in order of its Sequence). */
const enforcedCircuitSchema = z.object({ mintPaused: bool, redeemPaused: bool, reason: z.string(), sequence: num });
export type EnforcedCircuit = z.output<typeof enforcedCircuitSchema>;

/** Get-Limits (and `limits`) on the Coordinator. */
export const limitsSchema = z.object({ mint: flowLimitTagsSchema, redeem: flowLimitTagsSchema, circuit: enforcedCircuitSchema });
export type Limits = z.output<typeof limitsSchema>;

/** Get-Audit-Log: one admin action a process accepted. */
export const auditEntrySchema = z.object({ at: num, by: z.string(), action: z.string(), detail: z.string(), messageId: z.string() });
export type AuditEntry = z.output<typeof auditEntrySchema>;

/** A bounded ring's index entry (audit log, history, a holder's operations): see the ring readers in cache-keys. */
export const ringIndexSchema = z.object({ next: num, size: num, capacity: num, pageSize: num });

/** One page of a ring; `false` keeps a slot whose item the process no longer shows (see RingPage). */
export function ringPageSchema<O>(item: z.ZodType<O, z.ZodTypeDef, unknown>) {
  return z.object({ page: num, items: listSchema(z.union([item, z.literal(false)])) });
}

const tokenFormSchema = z.enum(values(TokenForms));
const id = z.string().min(1);
/**
 * Every authority USDA's messages arrive under: the Authority tags of its spawn (comma-separated lists split), as the
 * deployment read them. The SDK's verdict read counts a message on USDA's schedule only when one of them relayed it,
 * and needs them when USDA's spawn is not on the node's schedule (the real USDA predates mainnet). Optional: a state
 * written before it was recorded has none, and the SDK then reads USDA's spawn from its schedule.
 */
const usdaAuthoritiesSchema = z.array(z.string().refine(isAddress, "an address")).min(1);

/** One process of a deployment as tools/deploy records it. */
export const deployedProcessSchema = z.object({
  id,
  name: z.string(),
  version: z.string(),
  /** The stamped sha256 of the bundle loaded into it (its Info Source-Hash). */
  bundleHash: z.string(),
  /** A process TIM3 did not deploy (the real USDA): recorded, never spawned or updated. */
  external: z.boolean().optional(),
  spawnedAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type DeployedProcess = z.output<typeof deployedProcessSchema>;

/**
 * The deploy state file (tools/deploy writes it; `devnet up`, the CLI, the e2e runs and the apps' config writers read
 * it): the network, the node, the module and authority the processes were spawned with, the admin, and each process.
 */
export const deployStateSchema = z.object({
  network: z.string(),
  urls: z.object({ nodeUrl: z.string(), scheduler: z.string() }),
  module: z.string(),
  scheduler: z.string(),
  authority: z.string(),
  admin: z.string(),
  processes: z.object(Object.fromEntries(ProcessRoles.map((r) => [r, deployedProcessSchema.optional()])) as { [R in ProcessRole]: z.ZodOptional<typeof deployedProcessSchema> }),
  /** How the USDA publishes ("tim3" when TIM3 deployed it; an external one's as learned): apps and the CLI pass it on. */
  usdaForm: tokenFormSchema.optional(),
  usdaAuthorities: usdaAuthoritiesSchema.optional(),
  updatedAt: z.string(),
});
export type DeployState = z.output<typeof deployStateSchema>;

/** An app's `/config.json` (the site's; the console's adds `deployment`), written from a deploy state. */
export const appConfigSchema = z.object({
  /** "local" (devnet) or "mainnet"; shown in the header. */
  network: z.string(),
  /** Devnet extras (the site's dev wallet and, with mock-usda, the faucet). */
  devnet: z.boolean(),
  urls: z.object({ nodeUrl: z.string(), scheduler: z.string().optional() }),
  processes: z.object(Object.fromEntries(ProcessRoles.map((r) => [r, id])) as { [R in ProcessRole]: typeof id }),
  /** How the USDA publishes its state, as the deployment recorded it (absent: the SDK finds out on its first read). */
  usdaForm: tokenFormSchema.optional(),
  /** USDA's authorities as the deployment recorded them (absent: the SDK reads them from USDA's spawn). */
  usdaAuthorities: usdaAuthoritiesSchema.optional(),
  /** How often reserves, balances and history refresh, in ms. */
  refreshMs: z.number().int(),
});
export type AppConfig = z.output<typeof appConfigSchema>;

/** The console's `/config.json`: the app config and what the deployment recorded of each process. */
export const consoleConfigSchema = appConfigSchema.extend({
  deployment: z.object({
    admin: z.string().optional(),
    updatedAt: z.string(),
    processes: z.record(z.string(), deployedProcessSchema.required({ external: true }).pick({ id: true, name: true, version: true, bundleHash: true, external: true })),
  }),
});
export type ConsoleConfig = z.output<typeof consoleConfigSchema>;
