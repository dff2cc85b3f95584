/** The Coordinator on aos: its state in one global; one handler per action; everything else refused. */
import { buildInfo, wire } from "@tim3/aos-kit";
import { coordinatorHandlers } from "./handlers";
import { newCoordinatorState, type CoordinatorState } from "./state";

declare var Coordinator: CoordinatorState | undefined;

const build = buildInfo();
if (Coordinator === undefined) Coordinator = newCoordinatorState(ao.env.Process.Owner, build.version, build.sourceHash);
Coordinator.core.version = build.version;
Coordinator.core.sourceHash = build.sourceHash;

const process = wire(() => Coordinator as CoordinatorState);
for (const action in coordinatorHandlers) process.handle(action, coordinatorHandlers[action]);
process.rejectEverythingElse();
