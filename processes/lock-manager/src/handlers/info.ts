import { infoReply, type Message, type Outgoing, Tags } from "@tim3/protocol";
import type { LockManagerState } from "../state";

export function lockManagerInfo(state: LockManagerState, msg: Message): Outgoing[] {
  return [infoReply(state, msg, { [Tags.Collateral]: state.locked })];
}
