/** The Token Manager on aos: TIM3's ledger in one global; one handler per action; everything else refused. */
import { buildInfo, processTag, wire } from "@tim3/aos-kit";
import { Tags, parseQuantity, toSmallInteger } from "@tim3/protocol";
import { tokenManagerHandlers } from "./handlers";
import { DEFAULT_DENOMINATION, newTokenManagerState, type TokenManagerState } from "./state";

declare var TokenManager: TokenManagerState | undefined;

/** TIM3 takes USDA's Denomination, given as a spawn tag by the deploy tool. */
function denomination(): number {
  const tag = parseQuantity(processTag(Tags.Denomination), Tags.Denomination, false);
  return tag.ok && tag.value.length <= 2 ? toSmallInteger(tag.value) : DEFAULT_DENOMINATION;
}

const build = buildInfo();
if (TokenManager === undefined) {
  TokenManager = newTokenManagerState(ao.env.Process.Owner, build.version, build.sourceHash, denomination());
}
TokenManager.core.version = build.version;
TokenManager.core.sourceHash = build.sourceHash;

const process = wire(() => TokenManager as TokenManagerState);
for (const action in tokenManagerHandlers) process.handle(action, tokenManagerHandlers[action]);
process.rejectEverythingElse();
