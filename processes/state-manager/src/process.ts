/** The State Manager on aos: its state in one global; one handler per action; everything else refused. */
import { buildInfo, wire } from "@tim3/aos-kit";
import { stateManagerHandlers } from "./handlers";
import { newStateManagerState, type StateManagerState } from "./state";

declare var StateManager: StateManagerState | undefined;

const build = buildInfo();
if (StateManager === undefined) StateManager = newStateManagerState(ao.env.Process.Owner, build.version, build.sourceHash);
StateManager.core.version = build.version;
StateManager.core.sourceHash = build.sourceHash;

const process = wire(() => StateManager as StateManagerState);
for (const action in stateManagerHandlers) process.handle(action, stateManagerHandlers[action]);
process.rejectEverythingElse();
