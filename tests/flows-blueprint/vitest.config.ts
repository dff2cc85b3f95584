/**
 * The flow suite of tests/flows, run against the blueprint-like USDA (libs/local-ao/lua/blueprint-usda.lua): every
 * flow that meets USDA's behaviour (its notices, Reply-To, Transfer-Error, Balance, X- tags) must hold against a
 * real-world token's too. The tests that need what only mock-usda has say so and branch on `usdaKind`.
 *
 * The test command runs the flows that touch USDA; `nx run flow-tests-blueprint:test-full` runs all of them.
 */
import { configDefaults } from "vitest/config";
import { packageConfig } from "../../vitest.shared";

/**
 * Flows whose outcome does not depend on how the USDA behaves, left out of the test command's blueprint run (the
 * mock-USDA run of tests/flows has them): error codes of TIM3's own processes, Info/Owner keys, upgrades by Eval,
 * TIM3's exposure (a blueprint USDA exposes nothing), and forgeries refused by TIM3's trust checks before any USDA
 * message is involved; and blueprint-usda.test.ts, which deploys the blueprint-like USDA itself in either run.
 */
const USDA_INDEPENDENT_FLOWS = [
  "test/error-codes.test.ts",
  "test/keys.test.ts",
  "test/upgrade.test.ts",
  "test/exposure.test.ts",
  "test/trust.test.ts",
  "test/blueprint-usda.test.ts",
];

const config = packageConfig();
config.test = {
  ...config.test,
  dir: "../flows",
  env: { TIM3_USDA: "blueprint" },
  exclude: [...configDefaults.exclude, ...(process.env.TIM3_FLOWS_FULL === "1" ? [] : USDA_INDEPENDENT_FLOWS)],
  // As in tests/flows: one module graph for every file, so the aos module is compiled and warmed up once per run.
  isolate: false,
};

export default config;
