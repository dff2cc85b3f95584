import { infoReply, type Message, type Outgoing, Tags } from "@tim3/protocol";
import type { LockManagerState } from "../state";

export function lockManagerInfoTags(state: LockManagerState): Record<string, string> {
  return { [Tags.Collateral]: state.locked };
}

export function lockManagerInfo(state: LockManagerState, msg: Message): Outgoing[] {
  return [infoReply(state, msg, lockManagerInfoTags(state))];
}
