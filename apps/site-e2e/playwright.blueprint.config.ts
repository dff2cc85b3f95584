import { e2eConfig } from "@tim3/e2e-kit/playwright";

// The blueprint-USDA story: its own devnet (the aos token blueprint's double as USDA), run after the site story by the
// `e2e` script; results under test-results/blueprint and test-results/playwright-blueprint.json.
export default e2eConfig({
  expectTimeoutMs: 60_000,
  globalTimeoutMs: 360_000,
  viewport: { width: 1280, height: 900 },
  story: { name: "blueprint", spec: "blueprint-usda.spec.ts", globalSetup: "./src/global-setup-blueprint.ts" },
});
