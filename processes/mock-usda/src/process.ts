/**
 * Mock USDA on aos: state kept in one global, created once; one handler per action; everything else answered
 * with an error. The logic lives in ./handlers; this file only wires it.
 */
import { buildInfo, wire } from "@tim3/aos-kit";
import { mockUsdaHandlers } from "./handlers";
import { newMockUsdaState, type MockUsdaState } from "./state";

declare var MockUsda: MockUsdaState | undefined;

const build = buildInfo();
if (MockUsda === undefined) MockUsda = newMockUsdaState(ao.env.Process.Owner, build.version, build.sourceHash);
MockUsda.core.version = build.version;
MockUsda.core.sourceHash = build.sourceHash;

const process = wire(() => MockUsda as MockUsdaState);
for (const action in mockUsdaHandlers) process.handle(action, mockUsdaHandlers[action]);
process.rejectEverythingElse();
