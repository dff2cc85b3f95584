/** The State Manager on aos: its state in the global StateManager; the actions are listed in ./handlers. */
import { runProcess } from "@tim3/aos-kit";
import { judgeEveryMessage, stateManagerHandlers } from "./handlers";
import { newStateManagerState } from "./state";

runProcess("StateManager", newStateManagerState, stateManagerHandlers, judgeEveryMessage);
