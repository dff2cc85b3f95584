/**
 * The blueprint-like USDA: TIM3's own double of a token that behaves like the aos token blueprint (../lua/
 * blueprint-usda.lua says what it models), the closest public model of the real USDA. A part of the local AO, not of
 * the tests: `devnet up --usda blueprint` (and `--second-authority`) hosts it as an external USDA, and libs/testing
 * spawns it into its network.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { BlueprintKeys } from "@tim3/protocol";

/**
 * The Lua file, found through this package's own exports (`@tim3/local-ao/blueprint-usda.lua`): the same file from
 * the sources and from a tool's esbuild bundle, which resolves it from the tool's own node_modules.
 */
function blueprintUsdaPath(): string {
  return createRequire(import.meta.url).resolve("@tim3/local-ao/blueprint-usda.lua");
}

/**
 * The blueprint-like USDA's Lua as it is loaded (an Eval): the keys it publishes at (libs/protocol's BlueprintKeys,
 * which the SDK reads) defined first, so the double and its readers spell them in one place.
 */
export function blueprintUsdaLua(): string {
  const keys = `local BlueprintKeys = { balances = ${JSON.stringify(BlueprintKeys.Balances)}, tokenInfo = ${JSON.stringify(BlueprintKeys.TokenInfo)} }\n`;
  return keys + readFileSync(blueprintUsdaPath(), "utf8");
}
