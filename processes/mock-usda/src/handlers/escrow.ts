/**
 * Escrow: a holder locks part of its balance for a named locker. The locked part stays in the holder's balance but
 * only the locker can move it: Unlock gives it back to the holder, Transfer-Locked sends it to a recipient.
 */
import {
  Actions, ErrorCodes, Tags, add, compare, isAddress, parseQuantity, sub, type Failure,
} from "@tim3/protocol";
import {
  countForGood, move, rejection, send, spendableOf, tagOf, transferNotices, type Message, type Outgoing,
} from "@tim3/process-kit";
import type { MockUsdaState } from "../state";

function lockedFor(state: MockUsdaState, holder: string, locker: string): string {
  const byLocker = state.escrow[holder];
  return byLocker === undefined ? "0" : (byLocker[locker] ?? "0");
}

function isEmpty(record: Record<string, string>): boolean {
  for (const locker in record) if (record[locker] !== undefined) return false;
  return true;
}

function setLocked(state: MockUsdaState, holder: string, locker: string, value: string, total: string): void {
  if (state.escrow[holder] === undefined) state.escrow[holder] = {};
  if (value === "0") delete state.escrow[holder][locker];
  else state.escrow[holder][locker] = value;
  // Nothing left in escrow for this holder: no entry is kept (a lock and its unlock cost nothing, so keep nothing).
  if (isEmpty(state.escrow[holder])) delete state.escrow[holder];
  if (total === "0") delete state.ledger.locked[holder];
  else state.ledger.locked[holder] = total;
}

function addressTag(msg: Message, name: string): { ok: true; value: string } | Failure {
  const v = tagOf(msg, name);
  if (v === undefined) return { ok: false, error: name + " is required", code: ErrorCodes.Missing };
  if (!isAddress(v)) return { ok: false, error: name + " must be an address (got " + v + ")", code: ErrorCodes.Malformed };
  return { ok: true, value: v };
}

export function lock(state: MockUsdaState, msg: Message): Outgoing[] {
  const locker = addressTag(msg, Tags.Locker);
  if (!locker.ok) return [rejection(locker.code, msg, locker.error)];
  if (locker.value === msg.from) return [rejection(ErrorCodes.Malformed, msg, "A holder cannot lock funds for itself")];
  const q = parseQuantity(msg.tags[Tags.Quantity], Tags.Quantity, true);
  if (!q.ok) return [rejection(q.code, msg, q.error)];
  if (compare(spendableOf(state.ledger, msg.from), q.value) < 0) return [rejection(ErrorCodes.InsufficientBalance, msg, "Insufficient unlocked balance")];
  const holderTotal = add(state.ledger.locked[msg.from] ?? "0", q.value);
  setLocked(state, msg.from, locker.value, add(lockedFor(state, msg.from, locker.value), q.value), holderTotal);
  countForGood(state.core, msg);
  return [send(msg.from, Actions.LockDone, { [Tags.Locker]: locker.value, [Tags.Quantity]: q.value, [Tags.Locked]: holderTotal })];
}

/** Checks shared by Unlock and Transfer-Locked: the sender is the locker, and holds at least Quantity for Holder. */
function release(state: MockUsdaState, msg: Message): { ok: true; holder: string; quantity: string } | Failure {
  const holder = addressTag(msg, Tags.Holder);
  if (!holder.ok) return holder;
  const q = parseQuantity(msg.tags[Tags.Quantity], Tags.Quantity, true);
  if (!q.ok) return q;
  const held = lockedFor(state, holder.value, msg.from);
  if (compare(held, q.value) < 0) {
    return { ok: false, error: "Only " + held + " is locked for you by " + holder.value, code: ErrorCodes.InsufficientBalance };
  }
  setLocked(state, holder.value, msg.from, sub(held, q.value), sub(state.ledger.locked[holder.value] ?? "0", q.value));
  // Escrow moved: delivered again (a new id from a node's re-push, a new timestamp), this message moves nothing more.
  countForGood(state.core, msg);
  return { ok: true, holder: holder.value, quantity: q.value };
}

export function unlock(state: MockUsdaState, msg: Message): Outgoing[] {
  const r = release(state, msg);
  if (!r.ok) return [rejection(r.code, msg, r.error)];
  const done = send(msg.from, Actions.UnlockDone, { [Tags.Holder]: r.holder, [Tags.Quantity]: r.quantity });
  return [done, send(r.holder, Actions.UnlockDone, { [Tags.Locker]: msg.from, [Tags.Quantity]: r.quantity })];
}

export function transferLocked(state: MockUsdaState, msg: Message): Outgoing[] {
  const recipient = addressTag(msg, Tags.Recipient);
  if (!recipient.ok) return [rejection(recipient.code, msg, recipient.error)];
  const r = release(state, msg);
  if (!r.ok) return [rejection(r.code, msg, r.error)];
  move(state.ledger, r.holder, recipient.value, r.quantity);
  const out = transferNotices(msg, r.holder, recipient.value, r.quantity);
  // The locker asked: it hears back too, even when it is neither the holder nor the recipient.
  out.push(send(msg.from, Actions.TransferLockedDone, {
    [Tags.Holder]: r.holder, [Tags.Recipient]: recipient.value, [Tags.Quantity]: r.quantity,
  }));
  return out;
}
