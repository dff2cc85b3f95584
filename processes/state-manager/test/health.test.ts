import { describe, expect, it } from "vitest";
import { computeReserves } from "../src/reserves/health";
import { Actions, Tags } from "@tim3/protocol";
import { evaluateBreaker } from "../src/reserves/breaker";
import { resume } from "../src/handlers/circuit";
import { newStateManagerState, type StateManagerState } from "../src/state";

const T0 = 1_800_000_000_000;

function state(reports: Partial<StateManagerState["reports"]>): StateManagerState {
  const s = newStateManagerState("admin", "1", "hash");
  Object.assign(s.reports, { supplyAt: T0, collateralAt: T0, operationsAt: T0 }, reports);
  s.core.peers["Coordinator-Process"] = "C".repeat(43);
  return s;
}

describe("health score (pure, as written in src/reserves/health.ts)", () => {
  it("is 100 when fully backed, nothing pending, everyone reported and nothing paused", () => {
    const r = computeReserves(state({ supply: "100", collateral: "100" }), T0 + 1000);
    expect(r.health).toBe(100);
    expect(r.ratioBps).toBe("10000");
  });

  it("counts a surplus as backed and shows it", () => {
    const r = computeReserves(state({ supply: "100", collateral: "150" }), T0);
    expect(r.components.backing).toBe(50);
    expect(r.surplus).toBe("50");
    expect(r.ratioBps).toBe("15000");
  });

  it("a deficit covered by in-flight redeems costs 10 points; beyond them the backing is broken", () => {
    const covered = computeReserves(state({ supply: "100", collateral: "60", redeemInFlight: "40", pendingCount: 1, oldestPendingAt: T0 }), T0);
    expect(covered.components.backing).toBe(40);
    expect(covered.backingBroken).toBe(false);
    const broken = computeReserves(state({ supply: "100", collateral: "59", redeemInFlight: "40", pendingCount: 1, oldestPendingAt: T0 }), T0);
    expect(broken.components.backing).toBe(0);
    expect(broken.backingBroken).toBe(true);
    expect(broken.deficit).toBe("41");
  });

  it("ages of pending operations lower the score, and past stale-after the reports are stale", () => {
    const s = state({ supply: "1", collateral: "1", pendingCount: 2, oldestPendingAt: T0 });
    expect(computeReserves(s, T0 + 59_999).components.inFlight).toBe(20);
    expect(computeReserves(s, T0 + 60_000).components.inFlight).toBe(10);
    const stale = computeReserves(s, T0 + s.staleAfterMs + 1);
    expect(stale.components.inFlight).toBe(0);
    expect(stale.stale).toBe(true);
    expect(stale.components.freshness).toBe(0);
    expect(stale.health).toBe(60);
  });

  it("a reporter that never reported costs a third of the freshness points", () => {
    const r = computeReserves(state({ supply: "0", collateral: "0", operationsAt: 0 }), T0);
    expect(r.components.freshness).toBe(13);
  });

  it("pauses cost 5 points per scope", () => {
    const s = state({ supply: "0", collateral: "0" });
    s.breaker.mintPaused = true;
    expect(computeReserves(s, T0).components.pause).toBe(5);
    s.breaker.redeemPaused = true;
    expect(computeReserves(s, T0).components.pause).toBe(0);
  });

  it("the breaker trips Mint by itself on a broken backing and tells the Coordinator once", () => {
    const s = state({ supply: "100", collateral: "10" });
    const first = evaluateBreaker(s, computeReserves(s, T0));
    expect(first).toHaveLength(1);
    expect(first[0].tags["Mint-Paused"]).toBe("true");
    expect(first[0].tags.Reason).toBe("Circuit breaker: TIM3 supply exceeds locked USDA by 90");
    expect(s.breaker.tripped).toBe(true);
    expect(evaluateBreaker(s, computeReserves(s, T0))).toHaveLength(0);
  });
});

describe("a disputed release (pure)", () => {
  it("caps the backing at 40, trips Mint and Redeem with a named cause, also over an admin's Mint pause, and clears when resolved", () => {
    const s = state({ supply: "60", collateral: "60", disputed: "40" });
    expect(computeReserves(s, T0).components.backing).toBe(40);
    s.breaker.mintPaused = true;
    s.breaker.reason = "admin";
    expect(evaluateBreaker(s, computeReserves(s, T0))).toHaveLength(1);
    expect([s.breaker.mintPaused, s.breaker.redeemPaused, s.breaker.redeemTripped, s.breaker.tripped]).toEqual([true, true, true, false]);
    expect(s.breaker.reason).toContain("disputed");
    s.reports.disputed = "0";
    evaluateBreaker(s, computeReserves(s, T0));
    // The admin's own Mint pause stays; the automatic Redeem pause is lifted.
    expect([s.breaker.mintPaused, s.breaker.redeemPaused, s.breaker.redeemTripped]).toEqual([true, false, false]);
  });

  it("an admin's Resume while a release is disputed leaves Mint and Redeem paused in the circuit it pushes", () => {
    const s = state({ supply: "60", collateral: "60", disputed: "40" });
    evaluateBreaker(s, computeReserves(s, T0));
    const out = resume(s, { id: "m1", from: "admin", owner: "admin", timestamp: T0 + 1, tags: { Action: Actions.Resume, Scope: "All" }, data: "" });
    const pushed = out.find((o) => o.tags[Tags.Action] === Actions.CircuitUpdate);
    expect([pushed?.tags[Tags.MintPaused], pushed?.tags[Tags.RedeemPaused]]).toEqual(["true", "true"]);
    expect([s.breaker.trip, s.breaker.mintPaused, s.breaker.redeemPaused]).toEqual(["dispute", true, true]);
  });

  it("is the trip's cause when nothing was paused, and leaves an admin's Redeem pause in place", () => {
    const s = state({ supply: "60", collateral: "60", disputed: "40" });
    s.breaker.redeemPaused = true;
    evaluateBreaker(s, computeReserves(s, T0));
    expect([s.breaker.trip, s.breaker.mintPaused, s.breaker.redeemTripped]).toEqual(["dispute", true, false]);
    s.reports.disputed = "0";
    evaluateBreaker(s, computeReserves(s, T0));
    expect([s.breaker.trip, s.breaker.mintPaused, s.breaker.redeemPaused]).toEqual(["", false, true]);
  });
});
