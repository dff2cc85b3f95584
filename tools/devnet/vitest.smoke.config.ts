import type { ViteUserConfig } from "vitest/config";
import { packageConfig } from "../../vitest.shared";

// `nx e2e devnet`: the CI smoke in smoke/, with its own report (the test target's report stays its own).
const config: ViteUserConfig = packageConfig({ timeoutMs: 300_000 });
config.test = { ...config.test, include: ["smoke/**/*.test.ts"], reporters: ["default", ["json", { outputFile: "test-results/smoke.json" }]] };
export default config;
