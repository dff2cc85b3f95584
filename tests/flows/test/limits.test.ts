import { describe, expect, it } from "vitest";
import { Actions, OperationStatus, Scopes, Tags, errorActionFor } from "@tim3/protocol";
import { mintTim3, redeemTim3 } from "@tim3/testing";
import { adminSend, expectBackedAndConserved, find, operationOf, tim3Of, world, type World } from "./support";

async function setLimits(w: World, tags: Record<string, string>) {
  return adminSend(w, w.sys.coordinator.pid, { [Tags.Action]: Actions.SetLimits, ...tags });
}

async function refusalOf(w: World, holder: string, quantity: string, requestId: string): Promise<string | undefined> {
  const log = await mintTim3(w.sys, holder, quantity, requestId);
  return find(log, holder, Actions.CreditNotice, w.sys.usda.pid)?.tags[Tags.XReason];
}

describe("limits set by the admin", () => {
  it("per-operation min and max refuse with a reason; within them, minting works", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    const done = await setLimits(w, { [Tags.Scope]: Scopes.Mint, [Tags.Min]: "100", [Tags.Max]: "1000" });
    expect(done?.tags[Tags.Action]).toBe(Actions.SetLimitsDone);
    expect(await refusalOf(w, alice, "99", "low")).toBe("Below the minimum of 100 per operation");
    expect(await refusalOf(w, alice, "1001", "high")).toBe("Above the maximum of 1000 per operation");
    expect((await operationOf(w.sys, alice, "high"))[Tags.Status]).toBe(OperationStatus.Refunded);
    await mintTim3(w.sys, alice, "1000", "ok");
    expect(await tim3Of(w.sys, alice)).toBe(1000n);
    await expectBackedAndConserved(w);
  });

  it("the per-holder cap counts a holder's volume over the rolling window, and frees up after it", async () => {
    const w = await world(2);
    const [alice, bob] = w.holders;
    await setLimits(w, { [Tags.Scope]: Scopes.Mint, [Tags.HolderCap]: "500", [Tags.WindowMs]: "60000" });
    await mintTim3(w.sys, alice, "300");
    expect(await refusalOf(w, alice, "201", "over")).toBe("Over the per-holder limit of 500 per window (300 used)");
    await mintTim3(w.sys, bob, "500");
    expect(await tim3Of(w.sys, bob)).toBe(500n);
    w.sys.network.advance(60_001);
    await mintTim3(w.sys, alice, "500");
    expect(await tim3Of(w.sys, alice)).toBe(800n);
    await expectBackedAndConserved(w);
  });

  it("the global cap counts everyone's volume", async () => {
    const w = await world(2);
    const [alice, bob] = w.holders;
    await setLimits(w, { [Tags.Scope]: Scopes.Mint, [Tags.GlobalCap]: "1000" });
    await mintTim3(w.sys, alice, "700");
    expect(await refusalOf(w, bob, "301", "global")).toBe("Over the global limit of 1000 per window (700 used)");
    await mintTim3(w.sys, bob, "300");
    expect(await tim3Of(w.sys, bob)).toBe(300n);
    await expectBackedAndConserved(w);
  });

  it("redeem limits are separate from mint limits and return the TIM3 when exceeded", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    await mintTim3(w.sys, alice, "5000");
    await setLimits(w, { [Tags.Scope]: Scopes.Redeem, [Tags.Max]: "1000" });
    const log = await redeemTim3(w.sys, alice, "1500", "big-redeem");
    expect(find(log, alice, Actions.CreditNotice, w.sys.tokenManager.pid)?.tags[Tags.XReason]).toBe(
      "Above the maximum of 1000 per operation",
    );
    await redeemTim3(w.sys, alice, "1000");
    expect(await tim3Of(w.sys, alice)).toBe(4000n);
    await expectBackedAndConserved(w);
  });

  it("bad limits are refused and change nothing; only the admin may set them", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    const before = await w.sys.coordinator.read("Coordinator.limits");
    expect((await setLimits(w, { [Tags.Scope]: "Everything", [Tags.Min]: "1" }))?.tags[Tags.Error]).toBe("Scope must be Mint or Redeem");
    expect((await setLimits(w, { [Tags.Scope]: Scopes.Mint, [Tags.Min]: "5", [Tags.Max]: "4" }))?.tags[Tags.Error]).toBe("Min must not be above Max");
    expect((await setLimits(w, { [Tags.Scope]: Scopes.Mint, [Tags.Max]: "-1" }))?.tags[Tags.Error]).toContain("only the digits");
    expect((await setLimits(w, { [Tags.Scope]: Scopes.Mint }))?.tags[Tags.Error]).toContain("needs at least one");
    const log = await w.sys.network.send(alice, w.sys.coordinator.pid, { [Tags.Action]: Actions.SetLimits, [Tags.Scope]: Scopes.Mint, [Tags.Max]: "1" });
    expect(find(log, alice, errorActionFor(Actions.SetLimits))?.tags[Tags.Error]).toBe("Only the admin may do this");
    expect(await w.sys.coordinator.read("Coordinator.limits")).toEqual(before);
  });
});
