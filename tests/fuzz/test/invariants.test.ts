/**
 * CI-sized invariant fuzzing over the five processes in the aos module, with duplicated, reordered and delayed
 * deliveries, outboxes pushed again under new ids (re-signed), replays stamped anew and an adversary (request-id reuse across holders, junk that flushes every bounded memory, replays of
 * old messages, raced and forged USDA answers to releases, releases that really fail, refunds USDA refuses, one
 * reporter's reports reaching the State Manager after the rest of a flow, disputes resolved by the admin while
 * strangers and old messages try to): 2 × 4 scenarios × 250 random operations (2,000 in all), half against mock-usda and half against the
 * blueprint-like USDA. fast-check shrinks a failing scenario and prints its seed;
 * `pnpm nx fuzz fuzz-tests -- --ops 20000` is the long run.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { UsdaKind } from "@tim3/testing";
import { addToTotals, newTotals, runScenario, steps } from "../src/scenario";

const OPS_PER_SCENARIO = 250;
const SCENARIOS = 4;

describe.each<UsdaKind>(["mock", "blueprint"])("against %s USDA", (usda) => {
  it(`keeps 1:1 backing, moves value exactly once and loses nothing over ${SCENARIOS * OPS_PER_SCENARIO} adversarial operations`, async () => {
    const totals = newTotals();
    await fc.assert(
      fc.asyncProperty(steps(OPS_PER_SCENARIO), fc.nat(), async (commands, seed) => {
        const result = await runScenario(commands, seed, undefined, usda);
        addToTotals(totals, result);
        if (result.violations.length > 0) console.error(`${usda} USDA, fault seed ${seed}: ${result.violations.join("; ")}`.slice(0, 3000));
        expect(result.violations).toEqual([]);
      }),
      {
        numRuns: SCENARIOS,
        seed: Number(process.env.FUZZ_SEED ?? 20261124),
        // Bounds the whole property, shrinking included (scenarios take ~10-20 s each on a busy 2-core machine).
        interruptAfterTimeLimit: 420_000,
        markInterruptAsFailure: true,
      },
    );
    console.log(`fuzz (${usda} USDA): ${JSON.stringify(totals)}`);
    expect(totals.operations).toBeGreaterThanOrEqual(SCENARIOS * OPS_PER_SCENARIO);
    expect(totals.duplicated + totals.reordered + totals.delayed).toBeGreaterThan(0);
    // Outboxes were pushed again under new ids (a node's re-push), besides the re-stamped replays.
    expect(totals.repushed).toBeGreaterThan(0);
    // The release attacks really ran: releases were disputed (raced, or really failed at USDA) and the admin resolved some.
    expect(totals.disputed).toBeGreaterThan(0);
    expect(totals.resolvedByAdmin).toBeGreaterThan(0);
    expect(totals.refusedResolves + totals.forged).toBeGreaterThan(0);
    // Refunds USDA really refused, each sent again on the honest admin's verdict (the checks above saw them paid).
    expect(totals.refusedRefunds).toBeGreaterThan(0);
  }, 900_000);
});
