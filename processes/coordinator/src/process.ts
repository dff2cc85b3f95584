/** The Coordinator on aos: its state in the global Coordinator; the actions are listed in ./handlers. */
import { runProcess } from "@tim3/aos-kit";
import { withOwedReturns } from "@tim3/process-kit";
import { Topology } from "@tim3/protocol";
import { coordinatorExposure } from "./exposure";
import { coordinatorHandlers } from "./handlers";
import { newCoordinatorState } from "./state";

runProcess(Topology.coordinator.luaGlobal, newCoordinatorState, coordinatorHandlers, { exposure: withOwedReturns(coordinatorExposure) });
