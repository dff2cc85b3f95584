/** What the Lock Manager exposes (patch@1.0): the USDA it holds for TIM3 and last synced, Info and the audit log. */
import {
  CacheKeys, TransferKinds, TransferStates, type TransferState, type UnsettledTransfer,
} from "@tim3/protocol";
import {
  coreEntries, type CacheEntries, type Exposure, type ExposureContext,
} from "@tim3/process-kit";
import { DepositStatus, ReleaseStatus, type LockManagerState } from "./state";

const MAX_LISTED = 50;

/** The transfers USDA has not confirmed (at most 50): what the console shows and the admin resolves. */
function unsettledTransfers(state: LockManagerState): UnsettledTransfer[] {
  const list: UnsettledTransfer[] = [];
  for (const reference in state.awaiting) {
    // Bounded, as is the work: every message publishes it.
    if (list.length >= MAX_LISTED) break;
    const key = state.awaiting[reference];
    const r = state.releases[key];
    if (r !== undefined) {
      const status: TransferState = r.status === ReleaseStatus.Disputed ? TransferStates.Disputed : TransferStates.Sent;
      list.push({ operation: key, kind: TransferKinds.Release, holder: r.holder, quantity: r.quantity, reference, status, reason: r.reason, attempts: 1, at: r.at });
      continue;
    }
    const d = state.deposits[key];
    const t = d?.transfer;
    if (d === undefined || t === undefined) continue;
    list.push({
      operation: key, kind: d.status === DepositStatus.Returning ? TransferKinds.Return : TransferKinds.Refund, holder: d.holder,
      quantity: d.quantity, reference, status: t.status === TransferStates.Disputed ? TransferStates.Disputed : TransferStates.Sent,
      reason: t.error, attempts: t.attempts, at: d.at,
    });
  }
  return list;
}
import { lockManagerInfoTags } from "./handlers/info";

function entries(state: LockManagerState, ctx: ExposureContext, all: boolean): CacheEntries {
  const out = coreEntries(state, ctx, lockManagerInfoTags(state), all);
  out[CacheKeys.Collateral] = { locked: state.locked, held: state.held, disputed: state.disputed };
  out[CacheKeys.UnsettledTransfers] = unsettledTransfers(state);
  return out;
}

export const lockManagerExposure: Exposure<LockManagerState> = {
  all: (state, ctx) => entries(state, ctx, true),
  touched: (state, _ids, ctx) => entries(state, ctx, false),
};
