/**
 * What the State Manager exposes (patch@1.0): reserves, health and circuit as of the last evaluation (with `at`, so a
 * reader sees how old they are), the history ring as fixed pages plus an index, Info and the audit log.
 */
import {
  CacheKeys,
} from "@tim3/protocol";
import {
  coreEntries, ringEntries, ringNewestEntries, type CacheEntries, type ExposureContext, type Exposure,
} from "@tim3/process-kit";
import type { StateManagerState } from "./state";
import { healthView, reservesView, stateManagerInfoTags } from "./handlers/queries";
import { computeReserves } from "./reserves/health";

const HISTORY_PAGE_SIZE = 20;

function entries(state: StateManagerState, ctx: ExposureContext, all: boolean): CacheEntries {
  const out = coreEntries(state, ctx, stateManagerInfoTags(state), all);
  const history = all
    ? ringEntries(state.history, CacheKeys.History, CacheKeys.HistoryPagePrefix, HISTORY_PAGE_SIZE)
    : ringNewestEntries(state.history, CacheKeys.History, CacheKeys.HistoryPagePrefix, HISTORY_PAGE_SIZE);
  for (const k in history) out[k] = history[k];
  // With `at`, so a reader sees how old they are.
  const reading = computeReserves(state, ctx.now);
  out[CacheKeys.Reserves] = { ...reservesView(state, reading), at: ctx.now };
  out[CacheKeys.Health] = { ...healthView(state, reading), at: ctx.now };
  out[CacheKeys.Circuit] = state.breaker;
  return out;
}

export const stateManagerExposure: Exposure<StateManagerState> = {
  all: (state, ctx) => entries(state, ctx, true),
  touched: (state, _ids, ctx) => entries(state, ctx, false),
};
