/** The Lock Manager on aos: its ledger in one global; one handler per action; everything else refused. */
import { buildInfo, wire } from "@tim3/aos-kit";
import { lockManagerHandlers } from "./handlers";
import { newLockManagerState, type LockManagerState } from "./state";

declare var LockManager: LockManagerState | undefined;

const build = buildInfo();
if (LockManager === undefined) LockManager = newLockManagerState(ao.env.Process.Owner, build.version, build.sourceHash);
LockManager.core.version = build.version;
LockManager.core.sourceHash = build.sourceHash;

const process = wire(() => LockManager as LockManagerState);
for (const action in lockManagerHandlers) process.handle(action, lockManagerHandlers[action]);
process.rejectEverythingElse();
