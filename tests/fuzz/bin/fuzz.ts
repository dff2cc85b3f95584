/**
 * The long fuzz run: `pnpm nx fuzz fuzz-tests -- --ops 20000 [--seed N] [--per 500] [--usda mock|blueprint|both]
 * [--scenario I] [--shrink-minutes M]`.
 * Runs ops/per scenarios of --per operations (each against mock-usda or the blueprint-like USDA, unless --usda names
 * one), printing progress and the figures. On a violation it prints the scenario, the violations and the command that
 * runs that scenario alone (--scenario: its index in the seed's sequence), then shrinks it (fast-check) for at most
 * --shrink-minutes (default 10; shrink attempts are counted apart from the scenarios) and exits 1.
 */
import { parseArgs } from "node:util";
import fc from "fast-check";
import type { UsdaKind } from "@tim3/testing";
import { addToTotals, newTotals, runScenario, steps, type ScenarioResult } from "../src/scenario";

const { values } = parseArgs({
  // `pnpm nx fuzz fuzz-tests -- …` may hand the separator on.
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    ops: { type: "string" }, per: { type: "string" }, seed: { type: "string" }, usda: { type: "string" },
    scenario: { type: "string" }, "shrink-minutes": { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
const usage = "usage: pnpm nx fuzz fuzz-tests -- [--ops 20000] [--seed N] [--per 500] [--usda mock|blueprint|both] [--scenario I] [--shrink-minutes 10]";
if (values.help) {
  console.log(usage);
  process.exit(0);
}
function arg(name: "ops" | "per" | "seed" | "scenario" | "shrink-minutes", fallback: number): number {
  const v = values[name];
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number (got ${v})\n${usage}`);
    process.exit(2);
  }
  return n;
}

const ops = arg("ops", 20_000);
const usdaArg = values.usda ?? "both";
const usdaKinds: UsdaKind[] = usdaArg === "mock" || usdaArg === "blueprint" ? [usdaArg] : ["mock", "blueprint"];
const per = Math.max(1, arg("per", 500));
const seed = arg("seed", Date.now() % 2 ** 31);
const only = values.scenario === undefined ? undefined : arg("scenario", 0);
// The scenarios are the first `scenarios` values of the seed's sequence (index 0, 1, …); --scenario I runs value I alone.
const scenarios = only === undefined ? Math.ceil(ops / per) : 1;
const first = only ?? 0;
const shrinkMs = arg("shrink-minutes", 10) * 60_000;
const replay = (index: number) => `pnpm nx fuzz fuzz-tests -- --seed ${seed} --per ${per} --usda ${usdaArg} --scenario ${index}`;

const totals = newTotals();
const add = (r: ScenarioResult): void => addToTotals(totals, r);

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
console.log(`fuzz: ${scenarios} scenario(s) × ${per} operations, seed ${seed}, USDA ${usdaArg}${only === undefined ? "" : `, scenario ${only} only`}`);
// fast-check runs the generated scenarios one after the other and, after the first failure, only shrink attempts
// (smaller variants of the failing one): those are not scenarios, and are counted apart.
let ran = 0;
let failedAt: number | undefined;
let failedAtMs = 0;
let shrinks = 0;
const details = await fc.check(
  fc.asyncProperty(steps(per), fc.nat(), fc.constantFrom(...usdaKinds), async (commands, faultSeed, usda) => {
    if (failedAt !== undefined) {
      // Shrinking: bounded in time; past the budget every attempt passes at once, so fast-check stops with the
      // smallest failing variant found so far.
      if (Date.now() - failedAtMs > shrinkMs) return;
      shrinks++;
      const r = await runScenario(commands, faultSeed, undefined, usda);
      console.log(`  [shrink ${shrinks}] ${commands.length} operations, ${usda} USDA: ${r.violations.length === 0 ? "passes" : `${r.violations.length} violation(s)`}, ${elapsed()}`);
      if (r.violations.length > 0) throw new Error(r.violations.join("\n"));
      return;
    }
    const index = first + ran;
    ran++;
    const r = await runScenario(commands, faultSeed, undefined, usda);
    if (r.violations.length > 0) {
      failedAt = index;
      failedAtMs = Date.now();
      console.error(`  [${ran}/${scenarios}] scenario ${index} (${usda} USDA, fault seed ${faultSeed}) FAILED, ${elapsed()}:`);
      for (const v of r.violations.slice(0, 20)) console.error(`    ${v.slice(0, 400)}`);
      if (r.violations.length > 20) console.error(`    … and ${r.violations.length - 20} more`);
      console.error(`  run it alone: ${replay(index)}`);
      throw new Error(r.violations.join("\n"));
    }
    add(r);
    console.log(
      `  [${ran}/${scenarios}] scenario ${index} (${usda} USDA): ${totals.operations} operations, ${totals.deliveries} deliveries, ` +
        `${totals.repushed} re-pushed, ${totals.disputed} disputed releases, ${elapsed()}`,
    );
  }),
  { numRuns: scenarios, seed, path: String(first) },
);
if (details.failed) {
  const message = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  console.error(`fuzz FAILED: scenario ${failedAt ?? "?"} of seed ${seed}, after ${ran} scenario(s) and ${shrinks} shrink attempt(s), ${elapsed()}`);
  console.error(`  violations of the smallest failing variant (${details.counterexample?.[0].length ?? "?"} operations, fast-check path ${details.counterexamplePath}):`);
  for (const v of message.split("\n").slice(0, 20)) console.error(`    ${v.slice(0, 400)}`);
  console.error(`  run the scenario alone: ${replay(failedAt ?? first)}`);
  process.exit(1);
}
console.log(`fuzz: ${ran} scenarios, ${JSON.stringify(totals)}; violations: 0; ${elapsed()}`);
