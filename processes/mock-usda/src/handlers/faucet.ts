/**
 * The devnet faucet: off until the admin sets an amount; then each address may claim up to that amount once per
 * period. A claim is a mint, so total supply stays the sum of balances.
 */
import {
  Actions, ErrorCodes, Tags, compare, fromInteger, parseQuantity, toSmallInteger,
} from "@tim3/protocol";
import {
  checkMint, mint, rejection, send, tagOf, adminOnly, isAdmin, audit, type Message, type Outgoing, type Context,
} from "@tim3/process-kit";
import type { MockUsdaState } from "../state";

const MAX_PERIOD_DIGITS = 12;

export function setFaucet(state: MockUsdaState, msg: Message): Outgoing[] {
  if (!isAdmin(state, msg)) return [adminOnly(msg)];
  const amount = parseQuantity(msg.tags[Tags.Quantity], Tags.Quantity, false);
  if (!amount.ok) return [rejection(amount.code, msg, amount.error)];
  let periodMs = state.faucet.periodMs;
  const periodTag = tagOf(msg, Tags.Period);
  if (periodTag !== undefined) {
    const period = parseQuantity(periodTag, Tags.Period, true);
    if (!period.ok) return [rejection(period.code, msg, period.error + " (milliseconds)")];
    if (period.value.length > MAX_PERIOD_DIGITS) return [rejection(ErrorCodes.OutOfRange, msg, "Period must be below 10^12 milliseconds")];
    periodMs = toSmallInteger(period.value);
  }
  state.faucet.amount = amount.value;
  state.faucet.periodMs = periodMs;
  audit(state, msg, Actions.SetFaucet, "amount=" + amount.value + " period=" + fromInteger(periodMs));
  return [send(msg.from, Actions.SetFaucetDone, { [Tags.Quantity]: amount.value, [Tags.Period]: fromInteger(periodMs) })];
}

export function faucet(state: MockUsdaState, msg: Message, ctx: Context): Outgoing[] {
  if (state.faucet.amount === "0") return [rejection(ErrorCodes.Unavailable, msg, "The faucet is off")];
  const asked = tagOf(msg, Tags.Quantity) ?? state.faucet.amount;
  const q = parseQuantity(asked, Tags.Quantity, true);
  if (!q.ok) return [rejection(q.code, msg, q.error)];
  if (compare(q.value, state.faucet.amount) > 0) {
    return [rejection(ErrorCodes.OutOfRange, msg, "The faucet gives at most " + state.faucet.amount + " per period")];
  }
  const last = state.faucet.lastClaim[msg.from];
  if (last !== undefined && ctx.now - last < state.faucet.periodMs) {
    const next = fromInteger(last + state.faucet.periodMs);
    const refusal = rejection(ErrorCodes.TooSoon, msg, "Already claimed; the next claim opens at " + next);
    refusal.tags[Tags.NextClaim] = next;
    return [refusal];
  }
  const refused = checkMint(state.ledger, q.value);
  if (refused !== undefined) return [rejection(refused.code, msg, refused.error)];
  state.faucet.lastClaim[msg.from] = ctx.now;
  mint(state.ledger, msg.from, q.value);
  return [send(msg.from, Actions.FaucetDone, { [Tags.Quantity]: q.value })];
}
