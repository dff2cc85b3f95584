/** One vitest setup for every package: TypeScript sources of workspace libs resolve directly (no build needed). */
import { defineConfig } from "vitest/config";

export const sourceConditions = ["@tim3/source", "import", "module", "node", "default"];

export function packageConfig(options: { timeoutMs?: number } = {}) {
  const timeout = options.timeoutMs ?? 120_000;
  return defineConfig({
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions, externalConditions: ["@tim3/source"] } },
    test: {
      include: ["test/**/*.test.ts", "src/**/*.test.ts"],
      testTimeout: timeout,
      hookTimeout: timeout,
      // The JSON report is what tools/ci/test-summary.mjs adds up (and what Nx restores from its cache).
      reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    },
  });
}
