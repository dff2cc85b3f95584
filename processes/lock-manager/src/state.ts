/**
 * The Lock Manager's state.
 *
 * Guarantee: `locked` is exactly the USDA this process received for TIM3 (Credit-Notices from the configured USDA
 * with X-Action = Mint) minus what it sent back (refunds and releases; a release counted back in only when the admin
 * resolves it as failed). It never sends more USDA than `locked`, and USDA that arrives any other way is not
 * counted: at every quiet moment TIM3 supply == locked, and backing is never overstated.
 *
 * Exactly once: every value-moving step is keyed by a record this process keeps for good, never by a bounded memory
 * or a holder's id. A USDA Credit-Notice is acted on once per identity: USDA's process id and its aos `Reference`,
 * counted for good in `core.counted` (one bit each, libs/protocol process/counted.ts) in the evaluation that records
 * it, so a copy delivered again — same id, or a new id from a node's re-push, any time later, after any junk — is
 * stopped before any handler. A deposit is minted or refunded, never both and never twice; a release is paid once per
 * operation key (`releases`), whoever asks again (Settle, a replay).
 *
 * What a sent-back deposit keeps: a refund (the Coordinator refused it) or a return (not a mint) is a full record in
 * `deposits` while its transfer awaits USDA (shown, retryable); once USDA's Debit-Notice confirms it, the record moves
 * to the bounded `returns` ring and only its Credit-Notice's identity stays, for good. That identity must stay for
 * good: a copy of the Credit-Notice can be pushed again at any time, with a new id and timestamp, and nothing else
 * tells it from a new deposit; forgetting it would send the USDA back a second time, out of what is locked for
 * others. It is the cheapest record that keeps this (one bit of the sender's Reference); a Credit-Notice without a
 * Reference (not from aos) keeps its id instead. Forgetting the rest moves nothing: a Refund-Deposit, Deposit-Accepted
 * or Resolve-Release naming a forgotten deposit is answered Not-Found and changes nothing, and the Coordinator never
 * decides a deposit twice (it counts the Deposit-Received, sent once per deposit, the same way). No transfer of this process is done before USDA says so: a
 * release is confirmed to the Coordinator, a refund or return marked refunded or returned, only on USDA's Debit-Notice
 * echoing the transfer's `reference` (X-Reference = its key + "/" + the id of the message the Transfer was sent in,
 * which exists only once that message is assigned here, so no answer can be prepared in advance), for its recipient
 * and quantity. A Transfer-Error that names no reference (an older blueprint) leaves it unconfirmed, never done.
 *
 * A Transfer-Error never moves value (anyone watching the scheduler can race one in with the reference): it makes the
 * release `disputed`, its USDA counted in `disputed`, neither locked nor paid, until USDA's Debit-Notice with the
 * exact reference, recipient and quantity (which only a real payment produces) marks it paid, or the admin's
 * Resolve-Release says paid or failed; only "failed" counts the USDA back and lets the Coordinator mint the TIM3
 * back, once (PROTOCOL.md, "Releases against a blueprint-like USDA"). A refund or return that USDA refuses is shown
 * the same way (`unsettled-transfers`) and sent again, under a new reference, on the admin's Resolve-Release "failed".
 * The admin's tools offer a verdict only from USDA's own result for the Lock Manager's Transfer (`usdaVerdict`).
 */
import { type ReleaseStage } from "@tim3/protocol";
import { newCore, newRing, type ProcessCore, type Ring } from "@tim3/process-kit";

/** How many confirmed refunds and returns are kept in full, for people to read (`returns`). */
const RETURNS_MEMORY = 1000;

export const DepositStatus = {
  /** Locked, waiting for the Coordinator's decision. */
  Received: "received",
  /** Accepted by the Coordinator for minting: never refundable. */
  Minted: "minted",
  /** Refused by the Coordinator; its USDA left the backing and is on its way back, until USDA confirms (`transfer`). */
  Refunding: "refunding",
  /** Refused by the Coordinator and sent back: USDA confirmed it (or it was sent before transfers were confirmed). */
  Refunded: "refunded",
  /** Not a mint (or unreadable), never locked: on its way straight back, until USDA confirms (`transfer`). */
  Returning: "returning",
  /** Not a mint (or unreadable): sent straight back, never locked; USDA confirmed it. */
  Returned: "returned",
} as const;

/** A USDA transfer of the Lock Manager's that sends a deposit back (a refund or a return), until USDA confirms it. */
interface Payout {
  /** The X-Reference of the latest Transfer sent for it: what USDA's answer must echo. */
  reference: string;
  /** TransferStates: sent, or disputed once a Transfer-Error echoed the reference. */
  status: string;
  /** Why it goes back (its X-Reason). */
  reason: string;
  /** USDA's latest Transfer-Error for it ("" when none). */
  error: string;
  /** Transfers sent for it (a refused one is sent again on the admin's word). */
  attempts: number;
  /**
   * When the latest Transfer was sent (absent from before: the deposit's `at`). The admin's tools look for it on
   * USDA's schedule from then on, in a bounded range: a refund sent again days later is past the range of the deposit's
   * time (tests/flows/test/verdict-once.test.ts, "a refund sent again is published…").
   */
  at?: number;
}

export interface Deposit {
  holder: string;
  quantity: string;
  requestId: string;
  status: string;
  at: number;
  /** The refund or return on its way back (refunding, returning); absent once USDA confirmed it, or from before. */
  transfer?: Payout;
}

export const ReleaseStatus = {
  /** The USDA Transfer went out: not done until USDA's Debit-Notice for it (or the admin's verdict on USDA's result). */
  Sent: "sent",
  /** USDA's own answer to the transfer was its Debit-Notice. */
  Confirmed: "confirmed",
  /**
   * USDA answered with a Transfer-Error, which anyone can cause: paid or not is unknown until USDA's Debit-Notice for
   * it arrives or the admin resolves it. Its USDA is in `disputed`, not in `locked`.
   */
  Disputed: "disputed",
  /** Nothing was locked to pay it, or the admin found it unpaid: the USDA stayed here and counts again. */
  Failed: "failed",
} as const;

export interface Release {
  holder: string;
  quantity: string;
  requestId: string;
  /** The X-Reference of the USDA Transfer that pays it ("" when none was sent): what USDA's answer must echo. */
  reference: string;
  status: string;
  reason: string;
  at: number;
  /** Which answer about it the Coordinator was last sent (ReleaseStages; a record from before stages has none). */
  stage?: ReleaseStage;
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
  /**
   * The highest aos `Reference` of a USDA message reflected in `held` or in the ledger (a Balance reply recorded, a
   * Credit-Notice counted); absent before either. USDA numbers every message it sends, in the order it computes them,
   * so a Balance reply numbered at or below it is an older reading: a copy an attacker had pushed again after flushing
   * the memory of identities, or one overtaken by a deposit. Recorded, it would show a deficit that is not there
   * (Mint paused for everyone) or hide one that is (tests/flows/test/stale-balance.test.ts).
   */
  usdaReference?: number;
  holders: Record<string, HolderLedger>;
  /**
   * Every USDA Credit-Notice by its message id (the deposit id): locked for a mint (kept for good), or on its way back
   * (refunding, returning) until USDA confirms the transfer; then it moves to `returns` (above).
   */
  deposits: Record<string, Deposit>;
  /**
   * Returns confirmed before they were counted by identity alone: id → when. No longer written; read so that such a
   * notice delivered again with its first id still finds it.
   */
  returned: Record<string, number>;
  /**
   * The newest RETURNS_MEMORY refunds and returns USDA confirmed, in full (holder, quantity, reason; a request id
   * only when valid), for people. A bounded memory anyone can flush: it moves nothing (`core.counted` keeps the
   * exactly-once key).
   */
  returns: Ring<Deposit>;
  /** Every release, by the Coordinator's operation key, kept for good. */
  releases: Record<string, Release>;
  /**
   * Transfers still waiting for USDA's answer (releases, and refunds and returns of deposits): their reference ->
   * operation key or deposit id (removed once confirmed or resolved). What `unsettled-transfers` shows.
   */
  awaiting: Record<string, string>;
  /** USDA of disputed releases: sent, answered by a Transfer-Error; counted neither in `locked` nor as paid. */
  disputed: string;
}

export function newLockManagerState(admin: string, version: string, sourceHash: string): LockManagerState {
  return {
    core: newCore("TIM3 Lock Manager", version, sourceHash, admin),
    locked: "0",
    held: "",
    heldLedger: "",
    holders: {},
    deposits: {},
    returned: {},
    returns: newRing<Deposit>(RETURNS_MEMORY),
    releases: {},
    awaiting: {},
    disputed: "0",
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
