/** The Lock Manager on aos: its ledger in the global LockManager; the actions are listed in ./handlers. */
import { runProcess } from "@tim3/aos-kit";
import { withOwedReturns } from "@tim3/process-kit";
import { Topology } from "@tim3/protocol";
import { lockManagerExposure } from "./exposure";
import { lockManagerHandlers } from "./handlers";
import { newLockManagerState } from "./state";

runProcess(Topology.lockManager.luaGlobal, newLockManagerState, lockManagerHandlers, { exposure: withOwedReturns(lockManagerExposure) });
