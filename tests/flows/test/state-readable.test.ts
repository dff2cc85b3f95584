/** Operators and tests read a process's whole state by Eval; every TIM3 state must encode as JSON in aos. */
import { expect, it } from "vitest";
import { deployTim3, fundUsda, mintTim3, newId } from "@tim3/testing";

it("every process's whole state reads back as JSON after a flow", async () => {
  const sys = await deployTim3();
  const alice = newId();
  await fundUsda(sys, alice, "100");
  await mintTim3(sys, alice, "10");
  const globals = [[sys.tokenManager, "TokenManager"], [sys.lockManager, "LockManager"],
    [sys.coordinator, "Coordinator"], [sys.stateManager, "StateManager"]] as const;
  // mock-usda is TIM3 code with a TIM3 state; the blueprint-like USDA (TIM3_USDA=blueprint) keeps the aos token
  // blueprint's plain globals (Balances, TotalSupply), which holdings() reads in every flow test.
  const all = sys.usdaKind === "mock" ? [[sys.usda, "MockUsda"] as const, ...globals] : globals;
  for (const [process, name] of all) {
    const state = await process.read<{ core: { name: string; seen: { ring: { size: number } } } }>(name);
    expect(state.core.seen.ring.size, name).toBeGreaterThan(0);
  }
});
