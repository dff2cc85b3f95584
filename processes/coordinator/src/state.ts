/** The Coordinator's state: circuit, limits, rolling windows, and one record per mint or redeem request. */
import {
  newCore, newRing, OperationStatus, type OperationKindName, type OperationStatusName, type ProcessCore, type Ring,
} from "@tim3/protocol";

export const FINISHED_OPERATION_MEMORY = 10_000;
export const OPERATIONS_PER_HOLDER = 50;
export const DEFAULT_WINDOW_MS = 86_400_000;

export interface Operation {
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
}

/** "0" for max and caps means no limit. */
export interface FlowLimits {
  min: string;
  max: string;
  holderCap: string;
  globalCap: string;
}

export interface WindowEntry {
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

export interface Circuit {
  mintPaused: boolean;
  redeemPaused: boolean;
  reason: string;
  /** The State Manager's Sequence of the update this state came from. */
  sequence: number;
}

export interface CoordinatorState {
  core: ProcessCore;
  circuit: Circuit;
  limits: { mint: FlowLimits; redeem: FlowLimits; windowMs: number };
  windows: { mint: VolumeWindow; redeem: VolumeWindow };
  operations: Record<string, Operation>;
  pending: Record<string, boolean>;
  finished: Ring<string>;
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
    finished: newRing<string>(FINISHED_OPERATION_MEMORY),
    byHolder: {},
    inFlight: { mint: "0", redeem: "0" },
  };
}

export function isFinished(op: Operation): boolean {
  return op.status !== OperationStatus.Pending;
}
