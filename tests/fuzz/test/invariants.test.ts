/**
 * CI-sized invariant fuzzing over the five processes in the aos module, with duplicated, reordered and delayed
 * deliveries, outboxes pushed again under new ids (re-signed), replays stamped anew and an adversary (request-id reuse across holders, junk that flushes every bounded memory, replays of
 * old messages, raced and forged USDA answers to releases, releases that really fail, refunds USDA refuses, one
 * reporter's reports reaching the State Manager after the rest of a flow, disputes resolved by the admin while
 * strangers and old messages try to): 2 × 4 scenarios × 150 random operations (1,200 in all), half against mock-usda and half against the
 * blueprint-like USDA. Every kind of command, and every variant of the attacks (each race payment, each forger,
 * each resolver, each late reporter, reuse of a mint's and a redeem's label), is checked to have run at least once
 * against each USDA, and against the blueprint-like USDA both its Transfer-Errors (with and without X-Reference).
 * fast-check shrinks a failing scenario and prints its seed; `pnpm nx fuzz fuzz-tests -- --ops 20000` is the long run.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { UsdaKind } from "@tim3/testing";
import { addToTotals, newTotals, runScenario, steps, type Step } from "../src/scenario";

const OPS_PER_SCENARIO = 150;
const SCENARIOS = 4;

type Command = Step["op"];

/** Every command kind and the variants of each that exercise a different attack or path (all must run). */
const VARIANTS: { [K in Command["t"]]: (c: Extract<Command, { t: K }>) => string; } = {
  mint: () => "",
  redeem: () => "",
  transfer: () => "",
  pause: () => "",
  resume: () => "",
  limits: () => "",
  reuse: (c) => c.kind,
  junk: () => "",
  replay: () => "",
  race: (c) => c.pays,
  "failing-redeem": () => "",
  "refused-refund": () => "",
  "late-reports": (c) => ["supply", "collateral", "operations"][c.reporter],
  forge: (c) => c.from,
  resolve: (c) => c.who,
};

/** The classes a plan's commands fall in: "race", "race redeemer", … */
function classesOf(plan: Step[]): Set<string> {
  const classes = new Set<string>();
  for (const { op } of plan) {
    classes.add(op.t);
    const variant = (VARIANTS[op.t] as (c: Command) => string)(op);
    if (variant !== "") classes.add(`${op.t} ${variant}`);
  }
  return classes;
}

const ALL_CLASSES: string[] = [
  ...Object.keys(VARIANTS),
  "reuse mint", "reuse redeem",
  "race unpaid", "race redeemer", "race other",
  "late-reports supply", "late-reports collateral", "late-reports operations",
  "forge wallet", "forge process", "forge replay",
  "resolve admin", "resolve stranger", "resolve again", "resolve replay",
];

describe.each<UsdaKind>(["mock", "blueprint"])("against %s USDA", (usda) => {
  it(`keeps 1:1 backing, moves value exactly once and loses nothing over ${SCENARIOS * OPS_PER_SCENARIO} adversarial operations`, async () => {
    const totals = newTotals();
    const ran = new Set<string>();
    const seedParities = new Set<number>();
    await fc.assert(
      fc.asyncProperty(steps(OPS_PER_SCENARIO), fc.nat(), async (commands, seed) => {
        const result = await runScenario(commands, seed, undefined, usda);
        addToTotals(totals, result);
        for (const c of classesOf(commands)) ran.add(c);
        seedParities.add(seed % 2);
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
    console.log(`fuzz (${usda} USDA): ${JSON.stringify(totals)}; ${ran.size} command classes ran`);
    expect(totals.operations).toBeGreaterThanOrEqual(SCENARIOS * OPS_PER_SCENARIO);
    // Fewer operations than the long run, but every kind of command and attack still ran.
    expect(ALL_CLASSES.filter((c) => !ran.has(c)), "command classes that never ran").toEqual([]);
    // Against the blueprint-like USDA: scenarios with the older Transfer-Error (odd fault seeds) and the newer.
    if (usda === "blueprint") expect([...seedParities].sort()).toEqual([0, 1]);
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
