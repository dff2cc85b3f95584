/** The Lock Manager on aos: its ledger in the global LockManager; the actions are listed in ./handlers. */
import { runProcess } from "@tim3/aos-kit";
import { lockManagerExposure } from "./exposure";
import { lockManagerHandlers } from "./handlers";
import { newLockManagerState } from "./state";

runProcess("LockManager", newLockManagerState, lockManagerHandlers, { exposure: lockManagerExposure });
