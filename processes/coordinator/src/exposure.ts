/**
 * What the Coordinator exposes (patch@1.0) for clients to read over HTTP: each operation by its holder's label
 * (holder + request id), each holder's newest operations, the pending and the disputed ones, the limits and circuit,
 * Info and the audit log. Every entry is bounded: one operation, at most 50 per list, and a holder's newest operations as pages of
 * their ring (a step of a flow re-publishes the one page holding its operation, not the holder's whole list).
 */
import {
  CacheKeys, holderOperationsKey, holderOperationsPagePrefix, operationKey, type OperationRecord,
} from "@tim3/protocol";
import {
  coreEntries, ringEntries, ringEntriesOfItem, ringNewestEntries, ringNewestPage, type CacheEntries, type Exposure, type ExposureContext, type RingView,
} from "@tim3/process-kit";
import type { CoordinatorState } from "./state";
import { coordinatorInfoTags, limitsView, operationView, pendingOperationsView } from "./handlers/queries";

/** A holder's operations per page: the newest page is what each new operation re-publishes. */
const HOLDER_OPERATIONS_PAGE_SIZE = 5;

/** A ring slot's operation key, shown as its record (a record forgotten past the finished-operations memory shows nothing). */
function recordView(state: CoordinatorState): RingView<string, OperationRecord> {
  return (key) => {
    const op = state.operations[key];
    return op === undefined ? undefined : operationView(op);
  };
}

function holderEntries(state: CoordinatorState, holder: string, which: "all" | "newest", out: CacheEntries): void {
  const ring = state.byHolder[holder];
  if (ring === undefined) return;
  const pick = which === "all" ? ringEntries : ringNewestEntries;
  const entries = pick(ring, holderOperationsKey(holder), holderOperationsPagePrefix(holder), HOLDER_OPERATIONS_PAGE_SIZE, recordView(state));
  for (const k in entries) out[k] = entries[k];
}

function fixedEntries(state: CoordinatorState, ctx: ExposureContext, all: boolean): CacheEntries {
  const out = coreEntries(state, ctx, coordinatorInfoTags(state), all);
  out[CacheKeys.Limits] = limitsView(state);
  out[CacheKeys.PendingOperations] = pendingOperationsView(state);
  out[CacheKeys.DisputedOperations] = pendingOperationsView(state, state.disputed);
  return out;
}

function addOperation(state: CoordinatorState, out: CacheEntries, key: string, withHolderPage: boolean): void {
  const op = state.operations[key];
  if (op === undefined) return;
  out[operationKey(op.holder, op.requestId)] = operationView(op);
  const ring = state.byHolder[op.holder];
  if (withHolderPage && ring !== undefined) {
    const entries = ringEntriesOfItem(ring, key, holderOperationsKey(op.holder), holderOperationsPagePrefix(op.holder), HOLDER_OPERATIONS_PAGE_SIZE, recordView(state));
    for (const k in entries) out[k] = entries[k];
  }
}

export const coordinatorExposure: Exposure<CoordinatorState> = {
  all(state, ctx) {
    const out = fixedEntries(state, ctx, true);
    for (const key in state.operations) addOperation(state, out, key, false);
    for (const holder in state.byHolder) holderEntries(state, holder, "all", out);
    return out;
  },
  touched(state, ids, ctx) {
    const out = fixedEntries(state, ctx, false);
    // Every step of a flow names its operation key (the message's id, or an Operation tag) or the holder.
    for (const id of ids) addOperation(state, out, id, true);
    // A holder's newest page, unless an operation above already put it in (a new operation is the newest).
    for (const id of ids) {
      const ring = state.byHolder[id];
      if (ring === undefined) continue;
      const page = ringNewestPage(ring, HOLDER_OPERATIONS_PAGE_SIZE);
      if (page === undefined || out[holderOperationsPagePrefix(id) + String(page)] === undefined) holderEntries(state, id, "newest", out);
    }
    return out;
  },
};
