/**
 * The Lock Manager's state.
 *
 * Guarantee: `locked` is exactly the USDA this process received for TIM3 (Credit-Notices from the configured USDA
 * with X-Action = Mint) minus what it sent back (refunds and releases). It never sends more USDA than `locked`, and
 * USDA that arrives any other way is not counted: at every quiet moment TIM3 supply == locked.
 */
import { newCore, newRing, newSeenIds, type ProcessCore, type Ring, type SeenIds } from "@tim3/protocol";

export const DEPOSIT_MEMORY = 5000;

export const DepositStatus = { Received: "received", Refunded: "refunded" } as const;

export interface Deposit {
  holder: string;
  quantity: string;
  requestId: string;
  status: string;
  at: number;
}

export interface HolderLedger {
  deposited: string;
  released: string;
  refunded: string;
}

export interface LockManagerState {
  core: ProcessCore;
  /** USDA held for TIM3. */
  locked: string;
  /** The USDA balance the USDA process last reported for this process ("" before any Sync-Balance). */
  held: string;
  /** `locked` when that balance was read: the State Manager compares the two, never a reading with a later ledger. */
  heldLedger: string;
  holders: Record<string, HolderLedger>;
  /** Recent deposits by deposit id (the Credit-Notice's message id), oldest forgotten first. */
  deposits: Record<string, Deposit>;
  depositOrder: Ring<string>;
  /** Request ids already released: a retried Release (Settle-Operation) never pays twice. */
  released: SeenIds;
}

export function newLockManagerState(admin: string, version: string, sourceHash: string): LockManagerState {
  return {
    core: newCore("TIM3 Lock Manager", version, sourceHash, admin),
    locked: "0",
    held: "",
    heldLedger: "",
    holders: {},
    deposits: {},
    depositOrder: newRing<string>(DEPOSIT_MEMORY),
    released: newSeenIds(DEPOSIT_MEMORY),
  };
}

export function holderLedger(state: LockManagerState, holder: string): HolderLedger {
  let ledger = state.holders[holder];
  if (ledger === undefined) {
    ledger = { deposited: "0", released: "0", refunded: "0" };
    state.holders[holder] = ledger;
  }
  return ledger;
}
