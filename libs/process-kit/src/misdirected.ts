/**
 * Tokens sent to a TIM3 process that takes none of them (USDA to the Coordinator, Token Manager or State Manager;
 * TIM3 to the Lock Manager, the Token Manager itself or the State Manager) go back to their sender with a reason.
 *
 * Only a genuine notice moves anything: `msg.From` must be the configured token process (or this process itself,
 * for TIM3 at the Token Manager). The refund is a Transfer by this process to the notice's `Sender`, never to the
 * token process. Anyone else's Credit-Notice is answered with an error and moves nothing. A notice returned is counted
 * for good (`countForGood`): delivered again, by id or re-pushed under a new one, it returns nothing more. Past
 * `ReturnLimits.perSender` returns to one sender in a window, what it sends is kept as owed to it (returns.ts).
 */
import { Actions, ErrorCodes, isAddress, parseNoticeQuantity, PeerTags, Tags } from "@tim3/protocol";
import { rejection, send, tagOf, type Context, type Message, type Outgoing } from "./message";
import type { Handler, HasCore } from "./dispatch";
import { countForGood } from "./core";
import { returnNowOrOwe } from "./returns";

/** The Token Manager is TIM3 itself: TIM3 sent to it arrives as its own Credit-Notice. */
export const Itself = "Itself";
type ReturnedToken = typeof PeerTags.Usda | typeof PeerTags.TokenManager | typeof Itself;

const TOKEN_NAME: Record<ReturnedToken, string> = {
  [PeerTags.Usda]: "USDA",
  [PeerTags.TokenManager]: "TIM3",
  [Itself]: "TIM3",
};

const WHAT_TO_DO: Record<ReturnedToken, string> = {
  [PeerTags.Usda]: "to mint TIM3, transfer USDA to the Lock Manager with X-Action = Mint",
  [PeerTags.TokenManager]: "to redeem, transfer TIM3 to the Coordinator with X-Action = Redeem",
  [Itself]: "to redeem, transfer TIM3 to the Coordinator with X-Action = Redeem",
};

function misdirectedReason(processName: string, token: ReturnedToken): string {
  return TOKEN_NAME[token] + " sent to the " + processName + " is returned: it takes none; " + WHAT_TO_DO[token];
}

function tokenProcess(state: HasCore, ctx: Context, token: ReturnedToken): string | undefined {
  return token === Itself ? ctx.self : state.core.peers[token];
}

/**
 * A Credit-Notice handler that returns the listed tokens to their sender and passes every other notice to
 * `otherwise` (the process's own Credit-Notice handler), or, without one, refuses it with an error to its sender.
 */
export function returnMisdirected<S extends HasCore>(tokens: ReturnedToken[], otherwise?: Handler<S>): Handler<S> {
  return (state: S, msg: Message, ctx: Context): Outgoing[] => {
    for (const token of tokens) {
      const pid = tokenProcess(state, ctx, token);
      if (pid === undefined || msg.from !== pid) continue;
      const sender = tagOf(msg, Tags.Sender);
      const quantity = tagOf(msg, Tags.Quantity);
      // Nothing to return to: a notice without a holder, or one about the token's or this process's own balance.
      if (sender === undefined || !isAddress(sender) || quantity === undefined || sender === pid || sender === ctx.self) return [];
      countForGood(state.core, msg);
      // Past the sender's return limit the tokens are kept as owed to it, until it claims them (returns.ts). A quantity
      // this process cannot read cannot be added up: it goes back as the token wrote it.
      const readable = parseNoticeQuantity(quantity, Tags.Quantity);
      if (readable.ok && !returnNowOrOwe(state.core, pid, sender, readable.value, ctx.now)) return [];
      return [
        send(pid, Actions.Transfer, {
          [Tags.Recipient]: sender,
          [Tags.Quantity]: quantity,
          [Tags.XAction]: Actions.Refund,
          [Tags.XReason]: misdirectedReason(state.core.name, token),
        }),
      ];
    }
    if (otherwise !== undefined) return otherwise(state, msg, ctx);
    return [rejection(ErrorCodes.NotPeer, msg, "Credit-Notice is taken only from the token processes, to return what was sent here")];
  };
}

/** A Debit-Notice handler that ignores the debit notices of those returns and passes every other to `otherwise`. */
export function ignoreReturnDebits<S extends HasCore>(tokens: ReturnedToken[], otherwise: Handler<S>): Handler<S> {
  return (state: S, msg: Message, ctx: Context): Outgoing[] => {
    for (const token of tokens) {
      if (msg.from === tokenProcess(state, ctx, token) && tagOf(msg, Tags.XAction) === Actions.Refund) return [];
    }
    return otherwise(state, msg, ctx);
  };
}
