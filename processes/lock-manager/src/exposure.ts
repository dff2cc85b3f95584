/** What the Lock Manager exposes (patch@1.0): the USDA it holds for TIM3 and last synced, Info and the audit log. */
import { CacheKeys, coreEntries, type CacheEntries, type Exposure, type ExposureContext } from "@tim3/protocol";
import type { LockManagerState } from "./state";
import { lockManagerInfoTags } from "./handlers/info";

function entries(state: LockManagerState, ctx: ExposureContext, all: boolean): CacheEntries {
  const out = coreEntries(state, ctx, lockManagerInfoTags(state), all);
  out[CacheKeys.Collateral] = { locked: state.locked, held: state.held, disputed: state.disputed };
  return out;
}

export const lockManagerExposure: Exposure<LockManagerState> = {
  all: (state, ctx) => entries(state, ctx, true),
  touched: (state, _ids, ctx) => entries(state, ctx, false),
};
