/**
 * The Coordinator's state: circuit, limits, rolling windows, and one record per mint or redeem operation.
 *
 * Keys: an operation is keyed by what the protocol recorded itself, never by a holder's id: a mint by its deposit id
 * (the USDA Credit-Notice the Lock Manager recorded), a redeem by the id of the TIM3 Credit-Notice received here.
 * Every command this process sends for an operation carries that key, and the Token Manager and Lock Manager act
 * once per key. A holder's X-Request-Id is a label scoped to that holder (holder + id): no holder can reach another's
 * operation through it, and reusing one's own label is refused with the funds returned.
 *
 * Forgetting never means acting twice: full records of finished operations are kept boundedly (for Get-Operation),
 * but `settled` (key → final status) and `labels` are kept for good for every operation that started, so a notice,
 * deposit or confirmation delivered again at any later time finds its operation finished and does nothing. What a
 * stranger's free round trip leaves (a transfer sent straight back, a refused request) is bounded: its record, label
 * and settled status go together, FINISHED_OPERATION_MEMORY outcomes later, and for good only the identity of the
 * notice that brought it stays (one bit in `core.countedReferences`), which stops every copy of that notice.
 *
 * A redeem whose USDA transfer USDA answered with a Transfer-Error is `disputed` (listed in `disputed`): it is no
 * longer pending nor in flight (its TIM3 is burned, its USDA out of the Lock Manager's ledger), and only the Lock
 * Manager's resolution moves it on: Released → completed, Release-Failed → refunded with the TIM3 minted back once
 * (key "refund:" + key). Nothing here refunds a redeem on USDA's word alone, and nothing completes one before the Lock
 * Manager has USDA's Debit-Notice for its release (its Released comes only then). The Lock Manager's answers about a
 * release are applied in their stages' order only (first answer, dispute, verdict; `releaseStages`): a Release-Disputed
 * arriving after the verdict (reordered, or delivered again after the memory of message ids was flushed) or a first
 * Released arriving after the dispute changes nothing.
 *
 * Bound on full records (`operations`): every pending and every disputed operation has its record (a redeem disputed
 * after its record was forgotten gets it back from the Lock Manager's answer); any other record is kept only while it
 * holds a slot among the newest FINISHED_OPERATION_MEMORY of `finished`. An operation takes a slot each time it
 * reaches a final outcome: completed or refunded, and again when a dispute over it is resolved; a disputed one takes
 * none (however many operations finish during a dispute, the ring never passes over it and drops it for good).
 * So at most pending + disputed + FINISHED_OPERATION_MEMORY records are kept, and each record is forgotten
 * FINISHED_OPERATION_MEMORY finished outcomes after its last one. Disputes are few by construction: a redeem is
 * disputed only while its release awaits USDA's answer, and every dispute pauses redeeming until it is resolved.
 */
import {
  type EnforcedCircuit, type OperationKindName, type OperationStatusName, type ReleaseStage,
} from "@tim3/protocol";
import {
  newCore, newRing, type ProcessCore, type Ring,
} from "@tim3/process-kit";

export const FINISHED_OPERATION_MEMORY = 10_000;
const DEFAULT_WINDOW_MS = 86_400_000;

export interface Operation {
  /** The operation key (see above). */
  key: string;
  /** The holder's label for it. */
  requestId: string;
  kind: OperationKindName;
  holder: string;
  quantity: string;
  status: OperationStatusName;
  reason?: string;
  createdAt: number;
  updatedAt: number;
  /** Mint: the Lock Manager's deposit id. */
  depositId?: string;
  /** Redeem: both must be confirmed before the operation completes. */
  burned?: boolean;
  released?: boolean;
  /** How many slots of `finished` hold this key (a redeem completed, disputed, then resolved holds two). */
  finishedSlots?: number;
  /** Refused before it started (funds returned at once): its label is forgotten with its record (flows/operations.ts). */
  refused?: boolean;
}

/** "0" for max and caps means no limit. */
export interface FlowLimits {
  min: string;
  max: string;
  holderCap: string;
  globalCap: string;
}

interface WindowEntry {
  at: number;
  holder: string;
  quantity: string;
}

/** Accepted volume of one flow over the last `windowMs`, as a queue of entries with running totals. */
export interface VolumeWindow {
  entries: Record<number, WindowEntry>;
  head: number;
  tail: number;
  total: string;
  byHolder: Record<string, string>;
}

export interface CoordinatorState {
  core: ProcessCore;
  /** As the State Manager last pushed it, with the Sequence of that update (the contract's EnforcedCircuit). */
  circuit: EnforcedCircuit;
  limits: { mint: FlowLimits; redeem: FlowLimits; windowMs: number };
  windows: { mint: VolumeWindow; redeem: VolumeWindow };
  /** Records by operation key: pending, disputed, and finished ones holding a slot of `finished` (bound above). */
  operations: Record<string, Operation>;
  pending: Record<string, boolean>;
  /** Keys of disputed redeems, until the Lock Manager resolves them; their records hold no slot of `finished`. */
  disputed: Record<string, boolean>;
  /** Keys of the newest FINISHED_OPERATION_MEMORY final outcomes. */
  finished: Ring<string>;
  /**
   * For each redeem whose release was ever disputed, the latest stage of the Lock Manager's answers applied here
   * (disputed, then verdict). Kept for good, so an earlier answer arriving late or again never re-opens or undoes it.
   */
  releaseStages: Record<string, ReleaseStage>;
  /**
   * Every operation key that started (pending, then its final status), kept for good: what a late answer or query
   * about it finds. A refused request's entry goes with its record (flows/operations.ts), and a transfer sent straight
   * back gets none: a stranger's free round trip keeps for good only the identity of the notice that brought it (the
   * Token Manager's Credit-Notice, or the Lock Manager's Deposit-Received) in `core.counted`, one bit (core.ts,
   * counted.ts), which is what stops every copy of it however late.
   */
  settled: Record<string, string>;
  /**
   * labelKey(holder, request id) → operation key (a request id is at most 128 characters). Kept for good for every
   * operation that started; a refused one's label is forgotten with its record (flows/operations.ts says why that
   * moves nothing twice).
   */
  labels: Record<string, string>;
  /** Each holder's newest operation keys; dropped once none of them has a record left (flows/operations.ts). */
  byHolder: Record<string, Ring<string>>;
  inFlight: { mint: string; redeem: string };
}

export function newWindow(): VolumeWindow {
  // Entries are numbered from 1, so the Lua table reads back as JSON (see Ring in libs/protocol).
  return { entries: {}, head: 1, tail: 1, total: "0", byHolder: {} };
}

export function noLimits(): FlowLimits {
  return { min: "1", max: "0", holderCap: "0", globalCap: "0" };
}

export function newCoordinatorState(admin: string, version: string, sourceHash: string): CoordinatorState {
  return {
    core: newCore("TIM3 Coordinator", version, sourceHash, admin),
    circuit: { mintPaused: false, redeemPaused: false, reason: "", sequence: 0 },
    limits: { mint: noLimits(), redeem: noLimits(), windowMs: DEFAULT_WINDOW_MS },
    windows: { mint: newWindow(), redeem: newWindow() },
    operations: {},
    pending: {},
    disputed: {},
    finished: newRing<string>(FINISHED_OPERATION_MEMORY),
    releaseStages: {},
    settled: {},
    labels: {},
    byHolder: {},
    inFlight: { mint: "0", redeem: "0" },
  };
}

/** A holder's request id as a label in the holder's own namespace (an address never contains "/"). */
export function labelKey(holder: string, requestId: string): string {
  return holder + "/" + requestId;
}

/** True when this operation key was handled already (pending, finished, or returned), however long ago. */
export function isKnownOperation(state: CoordinatorState, key: string): boolean {
  return state.operations[key] !== undefined || state.settled[key] !== undefined;
}
