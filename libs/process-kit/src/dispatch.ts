/**
 * Routing a message to the one handler for its action, with the rules every TIM3 process shares:
 * a message is handled once by its identity (lately: a bounded memory; for good: admin actions and value-moving inputs); an action nobody handles gets an explicit error reply; a handler that fails
 * unexpectedly still answers, so a caller is never left waiting.
 */
import { ErrorCodes } from "@tim3/protocol";
import { actionOf, rejection, type Context, type Message, type Outgoing } from "./message";
import { alreadySeen, countedBefore, messageIdentity, refusedBefore, type ProcessCore } from "./core";

/**
 * The handler-table key for messages that carry no Action tag at all, such as a blueprint token's Balance reply.
 * Not a valid Action value (it has spaces), so no sender can name it.
 */
export const NO_ACTION = "(no Action)";

/** Notices and error replies are never answered with an error: two processes would otherwise echo errors forever. */
function isReplyAction(action: string | undefined): boolean {
  if (action === undefined) return false;
  const n = action.length;
  return (n > 6 && action.substring(n - 6) === "-Error") || (n > 7 && action.substring(n - 7) === "-Notice");
}

export type Handler<S> = (state: S, msg: Message, ctx: Context) => Outgoing[];

export interface HasCore {
  core: ProcessCore;
}

/** Runs one handler with the shared rules. `handler` undefined means no handler matches the message's action. */
export function runHandler<S extends HasCore>(
  state: S,
  msg: Message,
  ctx: Context,
  handler: Handler<S> | undefined,
): Outgoing[] {
  if (state.core.acted[msg.id] === true) return [];
  const identity = messageIdentity(msg);
  if (countedBefore(state.core, msg) || refusedBefore(state.core, msg.from, identity)) return [];
  if (alreadySeen(state.core.seen, identity)) return [];
  const action = actionOf(msg);
  if (handler === undefined) {
    if (isReplyAction(action)) return [];
    return [rejection(ErrorCodes.UnknownAction, msg, action === undefined ? "Action tag is required" : "Unknown action: " + action)];
  }
  try {
    return handler(state, msg, ctx);
  } catch (e) {
    return [rejection(ErrorCodes.Internal, msg, "Internal error: " + String(e))];
  }
}

/** Pure dispatch over a handler table, for Node tests and simulations (the aos wiring registers the same table). */
export function dispatch<S extends HasCore>(
  state: S,
  handlers: Record<string, Handler<S>>,
  msg: Message,
  ctx: Context,
): Outgoing[] {
  const action = actionOf(msg);
  return runHandler(state, msg, ctx, handlers[action ?? NO_ACTION]);
}
