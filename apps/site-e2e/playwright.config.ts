import { e2eConfig } from "@tim3/e2e-kit/playwright";

// One devnet, one wallet, one story (see @tim3/e2e-kit/playwright for the shared settings); the blueprint-USDA story
// has its own devnet and config (playwright.blueprint.config.ts).
export default e2eConfig({
  expectTimeoutMs: 60_000,
  globalTimeoutMs: 600_000,
  viewport: { width: 1280, height: 900 },
  testIgnore: ["blueprint-usda.spec.ts"],
});
