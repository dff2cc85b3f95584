/** Balance as in the token blueprint, plus the `Locked` part held in escrow. */
import { balanceReply, lockedOf, queriedAccount, rejection, Tags, type Message, type Outgoing } from "@tim3/protocol";
import type { MockUsdaState } from "../state";

export function balanceWithLocked(state: MockUsdaState, msg: Message): Outgoing[] {
  const q = queriedAccount(msg);
  if (!q.ok) return [rejection(q.code, msg, q.error)];
  return [balanceReply(state, msg, q.account, { [Tags.Locked]: lockedOf(state.ledger, q.account) })];
}
