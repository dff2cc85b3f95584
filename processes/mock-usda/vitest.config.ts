import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@tim3/source"] },
  test: { include: ["test/**/*.test.ts", "src/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 },
});
