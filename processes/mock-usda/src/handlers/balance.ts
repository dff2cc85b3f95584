/** Balance as in the token blueprint, plus the `Locked` part held in escrow. */
import { Tags } from "@tim3/protocol";
import { balanceReply, lockedOf, queriedAccount, rejection, type Message, type Outgoing } from "@tim3/process-kit";
import type { MockUsdaState } from "../state";

export function balanceWithLocked(state: MockUsdaState, msg: Message): Outgoing[] {
  const q = queriedAccount(msg);
  if (!q.ok) return [rejection(q.code, msg, q.error)];
  return [balanceReply(state, msg, q.account, { [Tags.Locked]: lockedOf(state.ledger, q.account) })];
}
