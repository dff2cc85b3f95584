/** The Playwright settings both e2e projects use: one story in order in one worker, Debian's Chromium. */
import { defineConfig } from "@playwright/test";

/** Debian's Chromium (tools/ci/ensure-chromium.sh installs it); Playwright never downloads browsers here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** How it is launched here: no sandbox (containers), no GPU, nothing fetched in the background. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export function e2eConfig(o: { expectTimeoutMs: number; globalTimeoutMs: number; viewport: { width: number; height: number } }) {
  return defineConfig({
    testDir: "tests",
    // One devnet, one story: the tests run in order in one worker.
    workers: 1,
    fullyParallel: false,
    retries: 0,
    timeout: 120_000,
    expect: { timeout: o.expectTimeoutMs },
    globalTimeout: o.globalTimeoutMs,
    globalSetup: "./src/global-setup.ts",
    outputDir: "test-results/artifacts",
    reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
    use: {
      browserName: "chromium",
      viewport: o.viewport,
      screenshot: "only-on-failure",
      trace: "retain-on-failure",
      launchOptions: {
        executablePath: CHROMIUM,
        args: [...CHROMIUM_ARGS],
      },
    },
  });
}
