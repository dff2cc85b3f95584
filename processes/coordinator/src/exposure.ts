/**
 * What the Coordinator exposes (patch@1.0) for clients to read over HTTP: each operation by its holder's label
 * (holder + request id), each holder's newest operations, the pending ones, the limits and circuit, Info and the
 * audit log. Every entry is bounded: one operation, at most 50 per list.
 */
import {
  CacheKeys, coreEntries, holderOperationsKey, operationKey, type CacheEntries, type Exposure, type ExposureContext,
} from "@tim3/protocol";
import type { CoordinatorState } from "./state";
import { coordinatorInfoTags, holderOperationsView, limitsView, operationView, pendingOperationsView } from "./handlers/queries";

function fixedEntries(state: CoordinatorState, ctx: ExposureContext, all: boolean): CacheEntries {
  const out = coreEntries(state, ctx, coordinatorInfoTags(state), all);
  out[CacheKeys.Limits] = limitsView(state);
  out[CacheKeys.PendingOperations] = pendingOperationsView(state);
  return out;
}

function addOperation(state: CoordinatorState, out: CacheEntries, key: string, withHolderList: boolean): void {
  const op = state.operations[key];
  if (op === undefined) return;
  out[operationKey(op.holder, op.requestId)] = operationView(op);
  if (withHolderList) out[holderOperationsKey(op.holder)] = holderOperationsView(state, op.holder);
}

export const coordinatorExposure: Exposure<CoordinatorState> = {
  all(state, ctx) {
    const out = fixedEntries(state, ctx, true);
    for (const key in state.operations) addOperation(state, out, key, false);
    for (const holder in state.byHolder) out[holderOperationsKey(holder)] = holderOperationsView(state, holder);
    return out;
  },
  touched(state, ids, ctx) {
    const out = fixedEntries(state, ctx, false);
    // Every step of a flow names its operation key (the message's id, or an Operation tag) or the holder.
    for (const id of ids) {
      addOperation(state, out, id, true);
      if (state.byHolder[id] !== undefined) out[holderOperationsKey(id)] = holderOperationsView(state, id);
    }
    return out;
  },
};
