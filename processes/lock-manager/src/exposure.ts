/** What the Lock Manager exposes (patch@1.0): the USDA it holds for TIM3 and last synced, Info and the audit log. */
import {
  CacheKeys, PeerTags, TransferKinds, TransferStates, type TransferState, type UnsettledTransfer,
} from "@tim3/protocol";
import {
  coreEntries, owedInToken, type CacheEntries, type Exposure, type ExposureContext,
} from "@tim3/process-kit";
import { DepositStatus, ReleaseStatus, type LockManagerState } from "./state";

const MAX_LISTED = 50;

/**
 * The transfers USDA has not confirmed (at most 50): what the console shows and the admin resolves. Releases first,
 * disputed before sent, then refunds and returns: anyone can keep returns in flight (dust sent here without
 * X-Action), and a list filled with them hid a disputed release, the one transfer whose wrong verdict pays twice
 * (tests/flows/test/unsettled-overflow.test.ts). Releases cost a redeem each.
 */
function unsettledTransfers(state: LockManagerState): UnsettledTransfer[] {
  // One pass (every message publishes this): each rank's first MAX_LISTED, then the ranks in order.
  const ranks: UnsettledTransfer[][] = [[], [], []];
  for (const reference in state.awaiting) {
    const list = ranks[rankOf(state, reference)];
    if (list.length < MAX_LISTED) {
      const entry = unsettledEntry(state, reference);
      if (entry !== undefined) list.push(entry);
    }
    if (ranks[0].length >= MAX_LISTED) break;
  }
  const out: UnsettledTransfer[] = [];
  for (const list of ranks) {
    for (const entry of list) {
      if (out.length >= MAX_LISTED) return out;
      out.push(entry);
    }
  }
  return out;
}

/** 0: a disputed release, 1: a release USDA has not answered, 2: a refund or return. */
function rankOf(state: LockManagerState, reference: string): number {
  const r = state.releases[state.awaiting[reference]];
  if (r === undefined) return 2;
  return r.status === ReleaseStatus.Disputed ? 0 : 1;
}

function unsettledEntry(state: LockManagerState, reference: string): UnsettledTransfer | undefined {
  const key = state.awaiting[reference];
  const r = state.releases[key];
  if (r !== undefined) {
    const status: TransferState = r.status === ReleaseStatus.Disputed ? TransferStates.Disputed : TransferStates.Sent;
    return { operation: key, kind: TransferKinds.Release, holder: r.holder, quantity: r.quantity, reference, status, reason: r.reason, attempts: 1, at: r.at };
  }
  const d = state.deposits[key];
  const t = d?.transfer;
  if (d === undefined || t === undefined) return undefined;
  return {
    operation: key, kind: d.status === DepositStatus.Returning ? TransferKinds.Return : TransferKinds.Refund, holder: d.holder,
    quantity: d.quantity, reference, status: t.status === TransferStates.Disputed ? TransferStates.Disputed : TransferStates.Sent,
    reason: t.error, attempts: t.attempts, at: t.at ?? d.at,
  };
}
import { lockManagerInfoTags } from "./handlers/info";

function entries(state: LockManagerState, ctx: ExposureContext, all: boolean): CacheEntries {
  const out = coreEntries(state, ctx, lockManagerInfoTags(state), all);
  // `owed`: USDA held here for senders past their return limit (process-kit returns.ts): in `held`, never in `locked`.
  const usda = state.core.peers[PeerTags.Usda];
  const owed = usda === undefined ? "0" : owedInToken(state.core, usda);
  out[CacheKeys.Collateral] = { locked: state.locked, held: state.held, disputed: state.disputed, owed };
  out[CacheKeys.UnsettledTransfers] = unsettledTransfers(state);
  return out;
}

export const lockManagerExposure: Exposure<LockManagerState> = {
  all: (state, ctx) => entries(state, ctx, true),
  touched: (state, _ids, ctx) => entries(state, ctx, false),
};
