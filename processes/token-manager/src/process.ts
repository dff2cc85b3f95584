/** The Token Manager on aos: TIM3's ledger in the global TokenManager; the actions are listed in ./handlers. */
import { processTag, runProcess } from "@tim3/aos-kit";
import { withOwedReturns } from "@tim3/process-kit";
import { Tags, Topology, parseQuantity, toSmallInteger } from "@tim3/protocol";
import { tokenManagerExposure } from "./exposure";
import { tokenManagerHandlers } from "./handlers";
import { DEFAULT_DENOMINATION, newTokenManagerState } from "./state";

/** TIM3 takes USDA's Denomination, given as a spawn tag by the deploy tool. */
function denomination(): number {
  const tag = parseQuantity(processTag(Tags.Denomination), Tags.Denomination, false);
  return tag.ok && tag.value.length <= 2 ? toSmallInteger(tag.value) : DEFAULT_DENOMINATION;
}

runProcess(
  Topology.tokenManager.luaGlobal,
  (admin, version, sourceHash) => newTokenManagerState(admin, version, sourceHash, denomination()),
  tokenManagerHandlers,
  { exposure: withOwedReturns(tokenManagerExposure) },
);
