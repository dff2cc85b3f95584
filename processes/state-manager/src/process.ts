/** The State Manager on aos: its state in the global StateManager; the actions are listed in ./handlers. */
import { runProcess } from "@tim3/aos-kit";
import { withOwedReturns } from "@tim3/process-kit";
import { Topology } from "@tim3/protocol";
import { stateManagerExposure } from "./exposure";
import { judgeEveryMessage, stateManagerHandlers } from "./handlers";
import { newStateManagerState } from "./state";

runProcess(Topology.stateManager.luaGlobal, newStateManagerState, stateManagerHandlers, { everyMessage: judgeEveryMessage, exposure: withOwedReturns(stateManagerExposure) });
