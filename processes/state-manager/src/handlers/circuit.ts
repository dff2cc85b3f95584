/** Admin Pause and Resume, by Scope (Mint, Redeem, All), with a reason; each logged and pushed to the Coordinator. */
import {
  Actions, ErrorCodes, Scopes, Tags, parseScope,
} from "@tim3/protocol";
import {
  adminOnly, audit, isAdmin, rejection, send, tagOf, type Message, type Outgoing,
} from "@tim3/process-kit";
import type { StateManagerState } from "../state";
import { circuitMessage, evaluateNow, holdRedeems } from "../reserves/breaker";

function change(state: StateManagerState, msg: Message, paused: boolean): Outgoing[] {
  if (!isAdmin(state, msg)) return [adminOnly(msg)];
  const scope = parseScope(tagOf(msg, Tags.Scope));
  if (scope === undefined) return [rejection(ErrorCodes.Malformed, msg, "Scope must be Mint, Redeem or All")];
  const reason = tagOf(msg, Tags.Reason) ?? (paused ? "Paused by the admin" : "");
  const b = state.breaker;
  if (scope === Scopes.Mint || scope === Scopes.All) b.mintPaused = paused;
  if (scope === Scopes.Redeem || scope === Scopes.All) b.redeemPaused = paused;
  if (scope === Scopes.Mint || scope === Scopes.All) {
    // The admin's word on Mint replaces an automatic trip: it is the admin's pause (or resume) from now on.
    b.tripped = false;
    b.trip = "";
    b.remedy = "";
  }
  if (scope === Scopes.Redeem || scope === Scopes.All) b.redeemTripped = false;
  b.reason = b.mintPaused || b.redeemPaused ? reason : "";
  // A disputed release keeps Redeem paused through the admin's Resume: only Resolve-Release lifts it. And a Resume
  // of Mint while a cause of a trip remains (a dispute, a broken backing, …) trips it again in this same evaluation,
  // not at whichever message comes next: the Coordinator is never told Mint is open while the cause is there.
  holdRedeems(state, state.reports.disputed);
  evaluateNow(state, msg.timestamp);
  const action = paused ? Actions.Pause : Actions.Resume;
  audit(state, msg, action, scope + (reason === "" ? "" : ": " + reason));
  const done = send(msg.from, paused ? Actions.PauseDone : Actions.ResumeDone, {
    [Tags.Scope]: scope,
    [Tags.MintPaused]: b.mintPaused ? "true" : "false",
    [Tags.RedeemPaused]: b.redeemPaused ? "true" : "false",
  });
  return [done, ...circuitMessage(state)];
}

export function pause(state: StateManagerState, msg: Message): Outgoing[] {
  return change(state, msg, true);
}

export function resume(state: StateManagerState, msg: Message): Outgoing[] {
  return change(state, msg, false);
}
