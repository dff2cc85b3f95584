import { Tags } from "@tim3/protocol";
import { infoReply, type Message, type Outgoing } from "@tim3/process-kit";
import type { LockManagerState } from "../state";

export function lockManagerInfoTags(state: LockManagerState): Record<string, string> {
  return { [Tags.Collateral]: state.locked };
}

export function lockManagerInfo(state: LockManagerState, msg: Message): Outgoing[] {
  return [infoReply(state, msg, lockManagerInfoTags(state))];
}
