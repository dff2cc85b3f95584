/**
 * Reports from different processes have no order between them on AO: the State Manager may hear the Coordinator's
 * Report-Operations after the Lock Manager's and the Token Manager's reports of the same redeem, or a deposit's
 * Report-Collateral after the mint's Report-Supply. Once every report has arrived and the books agree, Mint and Redeem
 * must be open again by themselves; a backing that really stays broken must keep Mint paused (issue 24).
 */
import { describe, expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { invariantViolations, mintTim3, redeemTim3 } from "@tim3/testing";
import { world } from "./support";

const reportTo = (sm: string, action: string) => (e: { target: string; tags: Record<string, string> }) =>
  e.target === sm && e.tags[Tags.Action] === action;

async function health(w: Awaited<ReturnType<typeof world>>, who: string): Promise<string> {
  const [reply] = await w.sys.network.query(who, w.sys.stateManager.pid, { [Tags.Action]: Actions.GetReserves });
  return reply.tags[Tags.Health];
}

describe("reports reaching the State Manager in any order", () => {
  it("a redeem whose Report-Operations arrives after the Lock Manager's and the Token Manager's leaves the circuit open", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    const sm = w.sys.stateManager.pid;
    await mintTim3(w.sys, alice, "1000", "m");
    w.sys.network.hold(reportTo(sm, Actions.ReportOperations));
    await redeemTim3(w.sys, alice, "400", "r");
    expect(w.sys.network.held.length).toBeGreaterThan(0);
    // The Lock Manager's collateral (600) reached the State Manager before anything said 400 was being redeemed: the
    // breaker tripped on "backing" for a moment (before issue 24 it stayed tripped until the admin resumed).
    w.sys.network.release();
    await w.sys.network.runUntilQuiet();
    expect(await invariantViolations(w.sys)).toEqual([]);
    expect(await w.sys.stateManager.read("StateManager.breaker")).toMatchObject({ mintPaused: false, redeemPaused: false, tripped: false, trip: "" });
    expect(await w.sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: false, redeemPaused: false });
    expect(await health(w, alice)).toBe("100");
    // And the next mint goes through: nobody had to resume.
    await mintTim3(w.sys, alice, "5", "m2");
    expect(BigInt(await w.sys.tokenManager.read("TokenManager.ledger.totalSupply"))).toBe(605n);
  });

  it("a mint whose Report-Collateral arrives after the Token Manager's Report-Supply leaves the circuit open", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    const sm = w.sys.stateManager.pid;
    w.sys.network.hold(reportTo(sm, Actions.ReportCollateral));
    await mintTim3(w.sys, alice, "700", "m");
    // Until the deposit's collateral arrives, 700 TIM3 are unbacked as far as the State Manager knows: a real cause.
    expect(await w.sys.stateManager.read("StateManager.breaker")).toMatchObject({ tripped: true, trip: "backing" });
    w.sys.network.release();
    await w.sys.network.runUntilQuiet();
    expect(await w.sys.stateManager.read("StateManager.breaker")).toMatchObject({ mintPaused: false, tripped: false, trip: "" });
    expect(await w.sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: false, redeemPaused: false });
    expect(await health(w, alice)).toBe("100");
  });

  it("a backing that really stays broken keeps Mint paused whatever arrives after, and clears only when it is covered", async () => {
    const w = await world(2);
    const [alice, mallory] = w.holders;
    await mintTim3(w.sys, alice, "1000", "m");
    // 300 TIM3 exist that no USDA backs (a fault outside the protocol); the Token Manager reports it on its next mint.
    await w.sys.tokenManager.eval(`TokenManager.ledger.totalSupply = "1300"`);
    await mintTim3(w.sys, alice, "10", "m2");
    expect(await w.sys.stateManager.read("StateManager.breaker")).toMatchObject({ mintPaused: true, tripped: true, trip: "backing" });
    // Strangers' messages of every kind, and a held-back report released late, do not clear it.
    w.sys.network.hold(reportTo(w.sys.stateManager.pid, Actions.ReportOperations));
    await redeemTim3(w.sys, alice, "10", "r");
    w.sys.network.release();
    await w.sys.network.runUntilQuiet();
    for (const action of [Actions.Info, Actions.GetReserves, Actions.Resume, Actions.ReportCollateral, "Junk"]) {
      await w.sys.network.send(mallory, w.sys.stateManager.pid, { [Tags.Action]: action, [Tags.Collateral]: "999999", [Tags.Sequence]: "999" });
    }
    expect(await w.sys.stateManager.read("StateManager.breaker")).toMatchObject({ mintPaused: true, tripped: true, trip: "backing" });
    expect(await w.sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: true });
    expect(await health(w, alice)).not.toBe("100");
    // The fault is undone (the 300 unbacked TIM3 are gone): the next report (a redeem: Mint is paused) closes it, and Mint opens with no Resume.
    const supply = BigInt(await w.sys.tokenManager.read("TokenManager.ledger.totalSupply"));
    await w.sys.tokenManager.eval(`TokenManager.ledger.totalSupply = "${supply - 300n}"`);
    await redeemTim3(w.sys, alice, "1", "r2");
    expect(await w.sys.stateManager.read("StateManager.breaker")).toMatchObject({ mintPaused: false, tripped: false, trip: "" });
    expect(await w.sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: false });
  });
});
