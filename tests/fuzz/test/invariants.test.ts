/**
 * CI-sized invariant fuzzing: 4 scenarios × 250 random operations (1,000 in all) over the five processes in the
 * aos module, with duplicated, reordered and delayed deliveries. fast-check shrinks a failing scenario and prints
 * its seed; `pnpm nx fuzz fuzz-tests -- --ops 10000` is the long run.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { runScenario, steps } from "../src/scenario";

const OPS_PER_SCENARIO = 250;
const SCENARIOS = 4;

it(`keeps 1:1 backing and loses nothing over ${SCENARIOS * OPS_PER_SCENARIO} operations with faulty delivery`, async () => {
  const totals = { operations: 0, deliveries: 0, duplicated: 0, reordered: 0, delayed: 0 };
  await fc.assert(
    fc.asyncProperty(steps(OPS_PER_SCENARIO), fc.nat(), async (commands, seed) => {
      const result = await runScenario(commands, seed);
      totals.operations += result.operations;
      totals.deliveries += result.deliveries;
      totals.duplicated += result.faults.duplicated;
      totals.reordered += result.faults.reordered;
      totals.delayed += result.faults.delayed;
      expect(result.violations).toEqual([]);
    }),
    {
      numRuns: SCENARIOS,
      seed: Number(process.env.FUZZ_SEED ?? 20261124),
      // Shrinking re-runs whole scenarios; a minute of it gives a short case without stalling CI.
      interruptAfterTimeLimit: 60_000,
      markInterruptAsFailure: true,
    },
  );
  console.log(`fuzz: ${JSON.stringify(totals)}`);
  expect(totals.operations).toBeGreaterThanOrEqual(1000);
  expect(totals.duplicated + totals.reordered + totals.delayed).toBeGreaterThan(0);
}, 600_000);
