/**
 * Automatic returns, bounded (libs/protocol ReturnLimits): a process returns unsolicited tokens to one sender at most
 * `perSender` times per `windowMs` of message Timestamp; past that it keeps them as owed to that sender (durably:
 * ProcessCore.owed), publishes them (`owed-<sender>`) and pays them only on that sender's own Claim-Returns. A sender
 * that bounces every token back (tests/flows/test/bounce-loop.test.ts) so buys at most `perSender` round trips per
 * window with one transfer, not a loop that never ends; a holder's single mistaken transfer is still returned at once.
 *
 * The window counters are a bounded memory (ProcessCore.returnWindows); the owed quantities are not.
 */
import {
  Actions, ErrorCodes, ReturnLimits, Tags, add, fromInteger, owedKey, type OwedTokens,
} from "@tim3/protocol";
import { RETURN_WINDOWS_CAPACITY, countForGood, newRing, ringPush, type ProcessCore, type ReturnWindows } from "./core";
import { rejection, send, type Context, type Message, type Outgoing } from "./message";
import type { HasCore } from "./dispatch";
import type { CacheEntries, Exposure } from "./exposure";

function returnWindows(core: ProcessCore): ReturnWindows {
  if (core.returnWindows === undefined) core.returnWindows = { bySender: {}, order: newRing<string>(RETURN_WINDOWS_CAPACITY) };
  return core.returnWindows;
}

/**
 * Whether tokens that came from `sender` go back to it now. True: counted in the window, the caller returns them.
 * False: `quantity` (a decimal string as the token reads it) is added to what is owed to `sender` in `token`, and the
 * caller sends nothing.
 *
 * The window is the sender's for unsolicited tokens (`label` undefined: no operation asked for, misdirected,
 * unreadable). The refusal of an operation the sender asked for under a request id (paused, over a limit, the label
 * used already) counts in the window of that label (`label` = the request id): each operation a holder starts gets
 * its refund at once, and an automation that echoes a refund back under the same label stops like any other. It also
 * counts in the sender's window of refused operations (`perSenderOperations`): an automation that answers every
 * refund with a new operation under a fresh label, while minting or redeeming is paused, stops there. That window is
 * checked first, so once it is full no label's window is added: the automation cannot flush the memory by itself.
 */
export function returnNowOrOwe(core: ProcessCore, token: string, sender: string, quantity: string, now: number, label?: string): boolean {
  const memory = returnWindows(core);
  const windows: { key: string; limit: number }[] = label === undefined
    ? [{ key: sender, limit: ReturnLimits.perSender }]
    : [{ key: sender + "/operations", limit: ReturnLimits.perSenderOperations }, { key: sender + "/" + label, limit: ReturnLimits.perSender }];
  for (const { key, limit } of windows) {
    if (!hasRoom(memory, key, limit, now)) {
      owe(core, token, sender, quantity);
      return false;
    }
  }
  for (const { key } of windows) countIn(memory, key, now);
  return true;
}

/** Whether the window under `key` takes one more return at `now` (a window an hour old or more starts over). */
function hasRoom(memory: ReturnWindows, key: string, limit: number, now: number): boolean {
  const window = memory.bySender[key];
  return window === undefined || now - window.start >= ReturnLimits.windowMs || window.count < limit;
}

/** Counts one return in the window under `key` (opening it, or a new one once the old is an hour old). */
function countIn(memory: ReturnWindows, key: string, now: number): void {
  const window = memory.bySender[key];
  if (window === undefined) {
    memory.bySender[key] = { start: now, count: 1 };
    const dropped = ringPush(memory.order, key);
    if (dropped !== undefined && dropped !== key) delete memory.bySender[dropped];
  } else if (now - window.start >= ReturnLimits.windowMs) {
    window.start = now;
    window.count = 1;
  } else window.count = window.count + 1;
}

/** Keeps `quantity` of `token` as owed to `sender` (for good: only the sender's Claim-Returns pays it). */
function owe(core: ProcessCore, token: string, sender: string, quantity: string): void {
  if (core.owed === undefined) core.owed = {};
  if (core.owed[sender] === undefined) core.owed[sender] = {};
  const owedHere = core.owed[sender];
  owedHere[token] = add(owedHere[token] ?? "0", quantity);
}

/** What this process owes `sender`, per token process (empty when nothing). */
export function owedTo(core: ProcessCore, sender: string): OwedTokens {
  const out: OwedTokens = [];
  const owedHere = core.owed?.[sender];
  if (owedHere === undefined) return out;
  for (const token in owedHere) out.push({ token, quantity: owedHere[token] });
  return out;
}

/** The total owed in `token` to every sender (the Lock Manager shows its owed USDA beside its collateral). */
export function owedInToken(core: ProcessCore, token: string): string {
  let total = "0";
  if (core.owed === undefined) return total;
  for (const sender in core.owed) {
    const q = core.owed[sender][token];
    if (q !== undefined) total = add(total, q);
  }
  return total;
}

/** Appended to a refusal's reason when its tokens were kept as owed instead of returned. */
export const KEPT_AS_OWED = "; too many returns to you within an hour: kept as owed to you, send Claim-Returns to get it";

function claimReason(): string {
  return "Returned on your Claim-Returns: kept after " + fromInteger(ReturnLimits.perSender) +
    " returns to you within an hour, so that automatic replies cannot bounce tokens here for ever";
}

/**
 * Claim-Returns: pays the sender (From, who signed it) everything owed to it, one Transfer per token, X-Action =
 * Refund with a reason. Counted for good: the same claim delivered again, however, pays nothing more. Nothing owed:
 * a clear error, nothing changes.
 */
export function claimReturns<S extends HasCore>(state: S, msg: Message, _ctx: Context): Outgoing[] {
  const owed = owedTo(state.core, msg.from);
  if (owed.length === 0) return [rejection(ErrorCodes.NothingOwed, msg, "Nothing is owed to " + msg.from + " here")];
  countForGood(state.core, msg);
  if (state.core.owed !== undefined) delete state.core.owed[msg.from];
  const out: Outgoing[] = [];
  for (const { token, quantity } of owed) {
    out.push(send(token, Actions.Transfer, {
      [Tags.Recipient]: msg.from,
      [Tags.Quantity]: quantity,
      [Tags.XAction]: Actions.Refund,
      [Tags.XReason]: claimReason(),
    }));
  }
  return out;
}

/**
 * A process's exposure with what it owes each sender: `owed-<sender>` for every sender owed something (on load), and
 * for the accounts one message named that are owed something or were published owing (so a claim publishes the empty
 * list once).
 */
export function withOwedReturns<S extends HasCore>(exposure: Exposure<S>): Exposure<S> {
  return {
    all(state, ctx) {
      const out = exposure.all(state, ctx);
      if (state.core.owed !== undefined) for (const sender in state.core.owed) out[owedKey(sender)] = owedTo(state.core, sender);
      return out;
    },
    touched(state, ids, ctx, published) {
      const out: CacheEntries = exposure.touched(state, ids, ctx, published);
      for (const id of ids) {
        const key = owedKey(id);
        if (state.core.owed?.[id] !== undefined || published(key)) out[key] = owedTo(state.core, id);
      }
      return out;
    },
    remembers: (key, entry) => (key.startsWith(owedKey("")) ? (entry as OwedTokens).length > 0 : exposure.remembers?.(key, entry) ?? false),
    root: exposure.root,
  };
}
