/**
 * CI-sized invariant fuzzing: 4 scenarios × 300 random commands (over 1,000 operations) over the five processes in the
 * aos module, with duplicated, reordered and delayed deliveries. fast-check shrinks a failing scenario and prints
 * its seed; `pnpm nx fuzz fuzz-tests -- --ops 10000` is the long run.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { command, runScenario } from "../src/scenario";

/** Commands per scenario; about one in six is a "settle" (run to quiet), the rest are operations. */
const COMMANDS_PER_SCENARIO = 300;
const SCENARIOS = 4;

it("keeps 1:1 backing and loses nothing over at least 1,000 operations with faulty delivery", async () => {
  const totals = { operations: 0, deliveries: 0, duplicated: 0, reordered: 0, delayed: 0 };
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: COMMANDS_PER_SCENARIO, maxLength: COMMANDS_PER_SCENARIO }), fc.nat(), async (commands, seed) => {
      const result = await runScenario(commands, seed);
      totals.operations += result.operations;
      totals.deliveries += result.deliveries;
      totals.duplicated += result.faults.duplicated;
      totals.reordered += result.faults.reordered;
      totals.delayed += result.faults.delayed;
      expect(result.violations).toEqual([]);
    }),
    { numRuns: SCENARIOS, seed: Number(process.env.FUZZ_SEED ?? 20261124), endOnFailure: false, maxSkipsPerRun: 0 },
  );
  console.log(`fuzz: ${JSON.stringify(totals)}`);
  expect(totals.operations).toBeGreaterThanOrEqual(1000);
  expect(totals.duplicated + totals.reordered + totals.delayed).toBeGreaterThan(0);
}, 600_000);
