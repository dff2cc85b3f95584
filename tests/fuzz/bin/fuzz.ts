/**
 * The long fuzz run: `pnpm nx fuzz fuzz-tests -- --ops 20000 [--seed N] [--per 500] [--usda mock|blueprint|both]`.
 * Runs scenarios of --per operations until --ops are done (each scenario against mock-usda or the blueprint-like USDA,
 * unless --usda names one), printing progress and the figures; on a violation it prints the seed and the shrunk command
 * list (fast-check) and exits 1.
 */
import { parseArgs } from "node:util";
import fc from "fast-check";
import type { UsdaKind } from "@tim3/testing";
import { runScenario, steps } from "../src/scenario";

const { values } = parseArgs({
  // `pnpm nx fuzz fuzz-tests -- …` may hand the separator on.
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    ops: { type: "string" }, per: { type: "string" }, seed: { type: "string" }, usda: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log("usage: pnpm nx fuzz fuzz-tests -- [--ops 20000] [--seed N] [--per 500] [--usda mock|blueprint|both]");
  process.exit(0);
}
function arg(name: "ops" | "per" | "seed", fallback: number): number {
  const v = values[name];
  return v === undefined ? fallback : Number(v);
}

const ops = arg("ops", 20_000);
const usdaArg = values.usda ?? "both";
const usdaKinds: UsdaKind[] = usdaArg === "mock" || usdaArg === "blueprint" ? [usdaArg] : ["mock", "blueprint"];
const per = arg("per", 500);
const seed = arg("seed", Date.now() % 2 ** 31);
const scenarios = Math.ceil(ops / per);
const totals = { operations: 0, deliveries: 0, duplicated: 0, reordered: 0, delayed: 0, repushed: 0, races: 0, disputed: 0, resolvedByAdmin: 0, refusedResolves: 0, forged: 0 };
const started = Date.now();
console.log(`fuzz: ${scenarios} scenarios × ${per} operations, seed ${seed}`);
let done = 0;
try {
  await fc.assert(
    fc.asyncProperty(steps(per), fc.nat(), fc.constantFrom(...usdaKinds), async (commands, faultSeed, usda) => {
      const r = await runScenario(commands, faultSeed, undefined, usda);
      if (r.violations.length > 0) console.error(`${usda} USDA: ${r.violations.join("; ")}`.slice(0, 2000));
      if (r.violations.length > 0) throw new Error(r.violations.join("\n"));
      done++;
      totals.operations += r.operations;
      totals.deliveries += r.deliveries;
      totals.duplicated += r.faults.duplicated;
      totals.reordered += r.faults.reordered;
      totals.delayed += r.faults.delayed;
      totals.repushed += r.faults.repushed;
      for (const k of ["races", "disputed", "resolvedByAdmin", "refusedResolves", "forged"] as const) totals[k] += r.disputes[k];
      const s = ((Date.now() - started) / 1000).toFixed(0);
      console.log(`  [${done}/${scenarios}] ${totals.operations} operations, ${totals.deliveries} deliveries, ${totals.repushed} re-pushed, ${totals.disputed} disputed releases, ${s}s`);
    }),
    { numRuns: scenarios, seed, interruptAfterTimeLimit: 30 * 60_000, markInterruptAsFailure: true },
  );
} catch (e) {
  console.error(String(e));
  console.error(`fuzz FAILED — replay with --seed ${seed} --per ${per}`);
  process.exit(1);
}
console.log(`fuzz: ${JSON.stringify(totals)}; violations: 0; ${((Date.now() - started) / 1000).toFixed(0)}s`);
