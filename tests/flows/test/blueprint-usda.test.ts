/**
 * Issue 12, class 3: a USDA that behaves like the aos token blueprint (libs/local-ao/lua/blueprint-usda.lua):
 * Debit-Notices and Transfer-Errors go to Reply-To, Balance replies carry no Action, quantities are parsed by bint.
 */
import { describe, expect, it } from "vitest";
import { Actions, OperationStatus, Tags } from "@tim3/protocol";
import { mintTim3, newId, redeemTim3 } from "@tim3/testing";
import { expectBackedAndConserved, operationOf, redeemAwaitingItsTransfer, tim3Of, usdaOf, world } from "./support";

describe("against a blueprint-like USDA", () => {
  it("a genuine USDA Debit-Notice an attacker routes to the Lock Manager never marks a redeem paid", async () => {
    const w = await world(2, 1_000_000n, undefined, "blueprint");
    const [victim, attacker] = w.holders;
    await mintTim3(w.sys, victim, "100", "v-m");
    w.sys.network.hold((e) => e.tags[Tags.Action] === Actions.Release);
    await redeemTim3(w.sys, victim, "50", "v-r");
    // The attacker's own transfer, with Reply-To = the Lock Manager and the tags a release would carry.
    await w.sys.network.send(attacker, w.sys.usda.pid, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: attacker, [Tags.Quantity]: "1", "Reply-To": w.sys.lockManager.pid,
      [Tags.XAction]: Actions.Redeemed, [Tags.XRequestId]: "v-r",
    });
    expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Pending);
    w.sys.network.release();
    await w.sys.network.runUntilQuiet();
    expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Completed);
    expect(await usdaOf(w.sys, victim)).toBe(1_000_000n - 50n);
    await expectBackedAndConserved(w);
  });

  it("a failing transfer of an attacker's, processed by USDA before the Lock Manager's own, never makes a paid release count as failed", async () => {
    // The Lock Manager has sent its Transfer; USDA has not processed it yet.
    const { w, victim, attacker, lm, key } = await redeemAwaitingItsTransfer();
    expect(key).not.toBe("");
    // Everything public before the Release exists, ready in advance: the operation key (the id of the victim's TIM3
    // Credit-Notice to the Coordinator) and the request id. Transfers the attacker cannot pay fail with Transfer-Error,
    // which a blueprint token sends to Reply-To with the transfer's X-Reference; they cost the attacker nothing.
    for (const reference of [key, "v-r"]) {
      await w.sys.network.send(attacker, w.sys.usda.pid, {
        [Tags.Action]: Actions.Transfer, [Tags.Recipient]: victim, [Tags.Quantity]: "50000000", "Reply-To": lm,
        [Tags.XReference]: reference, [Tags.XAction]: Actions.Redeemed, [Tags.XRequestId]: "v-r",
      });
    }
    w.sys.network.release();
    await w.sys.network.runUntilQuiet();
    expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Completed);
    expect(await usdaOf(w.sys, victim)).toBe(1_000_000n - 50n);
    expect(await tim3Of(w.sys, victim)).toBe(50n);
    await expectBackedAndConserved(w);
  });

  it("a failing transfer raced into USDA with the release's own reference, ahead of the Lock Manager's Transfer, never pays twice", async () => {
    // The node has evaluated the Release but not yet pushed the Lock Manager's Transfer to USDA.
    const { w, victim, attacker, lm, release } = await redeemAwaitingItsTransfer();
    expect(release).toBeDefined();
    // Whoever watches the Lock Manager's scheduler reads the Release's id the moment it is assigned: the reference is
    // known, and a transfer the attacker cannot pay (Reply-To = the Lock Manager) gets assigned at USDA first.
    const reference = (release?.tags[Tags.Operation] ?? "") + "/" + (release?.id ?? "");
    await w.sys.network.send(attacker, w.sys.usda.pid, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: victim, [Tags.Quantity]: "50000000", "Reply-To": lm,
      [Tags.XReference]: reference,
    });
    w.sys.network.release();
    await w.sys.network.runUntilQuiet();
    // The real Transfer paid: its Debit-Notice (only a real payment produces one with this reference) settles it.
    expect(await usdaOf(w.sys, victim)).toBe(1_000_000n - 50n);
    expect(await tim3Of(w.sys, victim)).toBe(50n);
    expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Completed);
    await expectBackedAndConserved(w);
  });

  it("Sync-Balance records the balance USDA reports in a reply without an Action tag", async () => {
    const w = await world(1, 1_000_000n, undefined, "blueprint");
    const [alice] = w.holders;
    await mintTim3(w.sys, alice, "100", "m");
    await w.sys.network.send(alice, w.sys.usda.pid, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: w.sys.lockManager.pid, [Tags.Quantity]: "5", [Tags.Cast]: "true",
    });
    await w.sys.network.send(newId(), w.sys.lockManager.pid, { [Tags.Action]: Actions.SyncBalance });
    expect(await w.sys.lockManager.read<string>("LockManager.held")).toBe("105");
    expect(await w.sys.stateManager.read<string>("StateManager.reports.held")).toBe("105");
  });

  it("a Quantity USDA accepts with leading zeros is minted, never kept", async () => {
    const w = await world(1, 1_000_000n, undefined, "blueprint");
    const [alice] = w.holders;
    await w.sys.network.send(alice, w.sys.usda.pid, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: w.sys.lockManager.pid, [Tags.Quantity]: "007",
      [Tags.XAction]: Actions.Mint, [Tags.XRequestId]: "z",
    });
    expect(await tim3Of(w.sys, alice)).toBe(7n);
    expect((await operationOf(w.sys, alice, "z"))[Tags.Status]).toBe(OperationStatus.Completed);
    await expectBackedAndConserved(w);
  });
});
