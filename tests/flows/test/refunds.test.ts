import { describe, expect, it } from "vitest";
import { Actions, OperationStatus, Scopes, Tags } from "@tim3/protocol";
import { holdings, mintTim3, redeemTim3 } from "@tim3/testing";
import { adminSend, expectBackedAndConserved, find, operationOf, tim3Of, usdaOf, world } from "./support";

describe("refused operations end with the funds returned and a reason", () => {
  it("a mint while minting is paused comes back as a USDA refund with the reason", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    const done = await adminSend(w, w.sys.stateManager.pid, {
      [Tags.Action]: Actions.Pause, [Tags.Scope]: Scopes.Mint, [Tags.Reason]: "maintenance",
    });
    expect(done?.tags[Tags.Action]).toBe(Actions.PauseDone);
    const log = await mintTim3(w.sys, alice, "500", "paused-mint");
    const refund = find(log, alice, Actions.CreditNotice, w.sys.usda.pid);
    expect(refund?.tags[Tags.XAction]).toBe(Actions.Refund);
    expect(refund?.tags[Tags.XRequestId]).toBe("paused-mint");
    expect(refund?.tags[Tags.XReason]).toBe("Minting is paused: maintenance");
    expect(refund?.tags[Tags.Quantity]).toBe("500");
    const op = await operationOf(w.sys, alice, "paused-mint");
    expect(op[Tags.Status]).toBe(OperationStatus.Refunded);
    expect(op[Tags.Reason]).toBe("Minting is paused: maintenance");
    expect(await usdaOf(w.sys, alice)).toBe(1000000n);
    expect(await tim3Of(w.sys, alice)).toBe(0n);
    await expectBackedAndConserved(w);

    await adminSend(w, w.sys.stateManager.pid, { [Tags.Action]: Actions.Resume, [Tags.Scope]: Scopes.Mint });
    await mintTim3(w.sys, alice, "500", "after-resume");
    expect(await tim3Of(w.sys, alice)).toBe(500n);
    await expectBackedAndConserved(w);
  });

  it("a redeem while redeeming is paused sends the TIM3 back with the reason; minting still works", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    await mintTim3(w.sys, alice, "900");
    await adminSend(w, w.sys.stateManager.pid, { [Tags.Action]: Actions.Pause, [Tags.Scope]: Scopes.Redeem });
    const log = await redeemTim3(w.sys, alice, "300", "paused-redeem");
    const back = find(log, alice, Actions.CreditNotice, w.sys.tokenManager.pid);
    expect(back?.tags[Tags.XAction]).toBe(Actions.Refund);
    expect(back?.tags[Tags.XReason]).toBe("Redeeming is paused: Paused by the admin");
    expect(back?.tags[Tags.XRequestId]).toBe("paused-redeem");
    expect(await tim3Of(w.sys, alice)).toBe(900n);
    expect((await operationOf(w.sys, alice, "paused-redeem"))[Tags.Status]).toBe(OperationStatus.Refunded);
    await mintTim3(w.sys, alice, "100");
    expect(await tim3Of(w.sys, alice)).toBe(1000n);
    await expectBackedAndConserved(w);
  });

  it("Pause All stops both flows", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    await mintTim3(w.sys, alice, "10");
    await adminSend(w, w.sys.stateManager.pid, { [Tags.Action]: Actions.Pause, [Tags.Scope]: Scopes.All, [Tags.Reason]: "incident" });
    await mintTim3(w.sys, alice, "10");
    await redeemTim3(w.sys, alice, "10");
    expect(await tim3Of(w.sys, alice)).toBe(10n);
    expect((await holdings(w.sys)).locked).toBe("10");
    await expectBackedAndConserved(w);
  });

  it("USDA sent to the Lock Manager without X-Action = Mint is returned at once, not counted", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    const log = await w.sys.network.send(alice, w.sys.usda.pid, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: w.sys.lockManager.pid, [Tags.Quantity]: "77", [Tags.XRequestId]: "oops",
    });
    const refund = find(log, alice, Actions.CreditNotice, w.sys.usda.pid);
    expect(refund?.tags[Tags.XAction]).toBe(Actions.Refund);
    expect(refund?.tags[Tags.XReason]).toContain("X-Action = Mint");
    expect(refund?.tags[Tags.XRequestId]).toBe("oops");
    expect(await usdaOf(w.sys, alice)).toBe(1000000n);
    expect((await holdings(w.sys)).locked).toBe("0");
    await expectBackedAndConserved(w);
  });

  it("TIM3 sent to the Coordinator without X-Action = Redeem is returned", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    await mintTim3(w.sys, alice, "50");
    const log = await w.sys.network.send(alice, w.sys.tokenManager.pid, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: w.sys.coordinator.pid, [Tags.Quantity]: "20",
    });
    const back = find(log, alice, Actions.CreditNotice, w.sys.tokenManager.pid);
    expect(back?.tags[Tags.XAction]).toBe(Actions.Refund);
    expect(back?.tags[Tags.XReason]).toContain("X-Action = Redeem");
    expect(await tim3Of(w.sys, alice)).toBe(50n);
    await expectBackedAndConserved(w);
  });

  it("a malformed X-Request-Id is refused with the reason and the USDA returned", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    const log = await mintTim3(w.sys, alice, "5", "has space");
    const refund = find(log, alice, Actions.CreditNotice, w.sys.usda.pid);
    expect(refund?.tags[Tags.XReason]).toContain("X-Request-Id must be");
    expect(await usdaOf(w.sys, alice)).toBe(1000000n);
    await expectBackedAndConserved(w);
  });
});
