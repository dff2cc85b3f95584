/** Set-Limits (admin) and Circuit-Update (the State Manager's breaker state, pushed here). */
import {
  Actions, ErrorCodes, PeerTags, Scopes, Tags, compare, fromInteger, parseQuantity, toSmallInteger, type FlowLimitTags,
} from "@tim3/protocol";
import {
  adminOnly, audit, isAdmin, isPeer, peerOnly, rejection, send, tagOf, type Message, type Outgoing,
} from "@tim3/process-kit";
import type { CoordinatorState, FlowLimits } from "../state";

const MAX_WINDOW_DIGITS = 12;

/** Set-Limits: Scope = Mint | Redeem; any of Min, Max, Holder-Cap, Global-Cap ("0" = none for the last three), Window-Ms. */
export function setLimits(state: CoordinatorState, msg: Message): Outgoing[] {
  if (!isAdmin(state, msg)) return [adminOnly(msg)];
  const scope = tagOf(msg, Tags.Scope);
  if (scope !== Scopes.Mint && scope !== Scopes.Redeem) return [rejection(ErrorCodes.Malformed, msg, "Scope must be Mint or Redeem")];
  const current = scope === Scopes.Mint ? state.limits.mint : state.limits.redeem;
  const next: FlowLimits = { min: current.min, max: current.max, holderCap: current.holderCap, globalCap: current.globalCap };
  const fields: [string, "min" | "max" | "holderCap" | "globalCap", boolean][] = [
    [Tags.Min, "min", true],
    [Tags.Max, "max", false],
    [Tags.HolderCap, "holderCap", false],
    [Tags.GlobalCap, "globalCap", false],
  ];
  let given = 0;
  for (const [tag, key, positive] of fields) {
    const value = tagOf(msg, tag);
    if (value !== undefined) {
      const q = parseQuantity(value, tag, positive);
      if (!q.ok) return [rejection(q.code, msg, q.error)];
      next[key] = q.value;
      given++;
    }
  }
  let windowMs = state.limits.windowMs;
  const windowTag = tagOf(msg, Tags.WindowMs);
  if (windowTag !== undefined) {
    const w = parseQuantity(windowTag, Tags.WindowMs, true);
    if (!w.ok) return [rejection(w.code, msg, w.error)];
    if (w.value.length > MAX_WINDOW_DIGITS) return [rejection(ErrorCodes.OutOfRange, msg, "Window-Ms must be below 10^12")];
    windowMs = toSmallInteger(w.value);
    given++;
  }
  if (given === 0) return [rejection(ErrorCodes.Missing, msg, "Set-Limits needs at least one of Min, Max, Holder-Cap, Global-Cap, Window-Ms")];
  if (next.max !== "0" && compare(next.min, next.max) > 0) return [rejection(ErrorCodes.OutOfRange, msg, "Min must not be above Max")];
  if (scope === Scopes.Mint) state.limits.mint = next;
  else state.limits.redeem = next;
  state.limits.windowMs = windowMs;
  const detail =
    scope + " min=" + next.min + " max=" + next.max + " holderCap=" + next.holderCap + " globalCap=" + next.globalCap +
    " windowMs=" + fromInteger(windowMs);
  audit(state, msg, Actions.SetLimits, detail);
  return [send(msg.from, Actions.SetLimitsDone, limitTags(next, scope, windowMs))];
}

export function limitTags(limits: FlowLimits, scope: FlowLimitTags["Scope"], windowMs: number): FlowLimitTags {
  return {
    [Tags.Scope]: scope,
    [Tags.Min]: limits.min,
    [Tags.Max]: limits.max,
    [Tags.HolderCap]: limits.holderCap,
    [Tags.GlobalCap]: limits.globalCap,
    [Tags.WindowMs]: fromInteger(windowMs),
  };
}

export function circuitUpdate(state: CoordinatorState, msg: Message): Outgoing[] {
  if (!isPeer(state, msg, PeerTags.StateManager)) return [peerOnly(msg, PeerTags.StateManager)];
  const sequence = parseQuantity(msg.tags[Tags.Sequence], Tags.Sequence, true);
  if (!sequence.ok || sequence.value.length > 15) return [rejection(ErrorCodes.Malformed, msg, "Sequence must be a positive count")];
  // A late update older than the one applied is ignored: circuit messages may arrive out of order.
  if (toSmallInteger(sequence.value) <= state.circuit.sequence) return [];
  state.circuit.sequence = toSmallInteger(sequence.value);
  state.circuit.mintPaused = msg.tags[Tags.MintPaused] === "true";
  state.circuit.redeemPaused = msg.tags[Tags.RedeemPaused] === "true";
  state.circuit.reason = msg.tags[Tags.Reason] ?? "";
  return [];
}
