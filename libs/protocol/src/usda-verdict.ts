/**
 * The admin's tools decide a disputed or unconfirmed transfer from USDA's own result for the Lock Manager's Transfer,
 * never from balances: a Transfer the node has not yet pushed leaves USDA's ledger looking exactly as if it had failed
 * (the release's USDA still at the Lock Manager, the recipient unpaid), and a failed verdict given then pays twice
 * when it lands. A Transfer-Error cannot say whose transfer failed (anyone can have USDA send one with any
 * X-Reference), but USDA's schedule can: the Lock Manager's own Transfer is the message from the Lock Manager with that
 * X-Reference, and its computed result is a Debit-Notice (paid) or not (failed). Until USDA has computed it, there is
 * no verdict. (PROTOCOL.md, "Verdicts follow USDA's own result".)
 */
import { Actions } from "./actions";
import { Tags } from "./tags";
import { ReleaseOutcomes, type ReleaseOutcome } from "./tags";

/** A message USDA's scheduler assigned and USDA computed, with the messages its result sent. */
export interface ScheduledTransfer {
  /** Its sender as USDA saw it (a process's message relayed by the node: the process). */
  from: string;
  tags: Record<string, string>;
  outbox: { target: string; tags: Record<string, string> }[];
}

/**
 * USDA's verdict on the Lock Manager's Transfer with this X-Reference: `paid` when its result holds USDA's
 * Debit-Notice, `failed` when USDA computed it and paid nothing (a Transfer-Error, with or without a reference, or an
 * input USDA rejected without a reply), undefined while USDA has not assigned and computed it.
 */
export function usdaVerdict(schedule: readonly ScheduledTransfer[], lockManager: string, reference: string): ReleaseOutcome | undefined {
  for (const m of schedule) {
    if (m.from !== lockManager || m.tags[Tags.Action] !== Actions.Transfer || m.tags[Tags.XReference] !== reference) continue;
    for (const out of m.outbox) if (out.tags[Tags.Action] === Actions.DebitNotice) return ReleaseOutcomes.Paid;
    return ReleaseOutcomes.Failed;
  }
  return undefined;
}

/**
 * What the admin does about a disputed (or unconfirmed) transfer of the Lock Manager: the breaker's remedy, the
 * console's, the SDK's and the CLI's advice, in one place.
 */
export const DISPUTE_REMEDY =
  "List them in the Lock Manager's unsettled-transfers (the console's Unconfirmed transfers; Get-Operations with Status = " +
  "disputed on the Coordinator lists the redeems). For each, read USDA's own result for the Lock Manager's Transfer: the " +
  "message from the Lock Manager on USDA's schedule with that X-Reference. Never judge by balances: a Transfer still on " +
  "its way looks unpaid. Until USDA has computed it, wait: its Debit-Notice settles it by itself. Then send Resolve-Release " +
  "(Operation, Transfer-Reference = that X-Reference, Outcome = paid if USDA's result is a Debit-Notice, failed if not) to " +
  "the Lock Manager: failed mints a " +
  "release's TIM3 back, or sends a refund again once what made USDA refuse it is fixed. The pause lifts when none is disputed.";
