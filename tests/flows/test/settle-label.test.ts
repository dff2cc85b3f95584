/**
 * Attack on the admin's remedy for a stuck operation: "every id a user chooses an attacker can choose first". The
 * console's Settle button sends Settle-Operation with the pending operation's Request-Id and no Holder
 * (apps/admin PendingOperations), and the Coordinator then looks the request id up among every holder's operations
 * (`findOperation`, anyHolder), answering Ambiguous when two holders used it. A request id is public from the moment
 * the holder's transfer is on the token's schedule: an attacker who starts any operation of their own under a stuck
 * operation's request id made the admin's Settle fail, leaving the holder's mint or redeem stuck (and, past
 * stale-after, Mint paused for everyone). Settle now settles the one *pending* operation under that request id
 * (only a pending one can be settled), and the console names the holder.
 */
import { expect, it } from "vitest";
import { Actions, OperationStatus, Tags } from "@tim3/protocol";
import { mintTim3 } from "@tim3/testing";
import { adminSend, operationOf, tim3Of, world } from "./support";

it("an attacker's operation under a stuck operation's request id does not stop the admin's Settle (as the console sends it)", async () => {
  const w = await world(2);
  const [victim, attacker] = w.holders;
  const tm = w.sys.tokenManager.pid;
  // The victim's Mint-Tim3 is lost on its way: the mint stays pending.
  let lost = false;
  w.sys.network.hold((e) => {
    if (lost || e.target !== tm || e.tags[Tags.Action] !== Actions.MintTim3 || e.tags[Tags.Recipient] !== victim) return false;
    lost = true;
    return true;
  });
  await mintTim3(w.sys, victim, "100", "order-7");
  expect((await operationOf(w.sys, victim, "order-7"))[Tags.Status]).toBe(OperationStatus.Pending);
  // The attacker reads the request id and mints 1 under it.
  await mintTim3(w.sys, attacker, "1", "order-7");
  const reply = await adminSend(w, w.sys.coordinator.pid, { [Tags.Action]: Actions.SettleOperation, [Tags.RequestId]: "order-7" });
  expect(reply?.tags[Tags.Action]).toBe(Actions.SettleOperationDone);
  await w.sys.network.runUntilQuiet();
  expect((await operationOf(w.sys, victim, "order-7"))[Tags.Status]).toBe(OperationStatus.Completed);
  expect(await tim3Of(w.sys, victim)).toBe(100n);
}, 120_000);
