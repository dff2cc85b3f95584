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

export interface E2eConfigOptions {
  expectTimeoutMs: number;
  globalTimeoutMs: number;
  viewport: { width: number; height: number };
  /**
   * A second story of the same project (its own devnet, run by its own config): the spec file it runs, its global
   * setup, and the name its results go under (test-results/playwright-<name>.json, test-results/<name>/), so the two
   * runs never clear each other's. Without it: every spec in tests/, ./src/global-setup.ts, test-results/playwright.json.
   */
  story?: { name: string; spec: string; globalSetup: string };
  /** Spec files the default story leaves to the other stories. */
  testIgnore?: string[];
}

export function e2eConfig(o: E2eConfigOptions) {
  const story = o.story;
  return defineConfig({
    testDir: "tests",
    ...(story ? { testMatch: story.spec } : o.testIgnore ? { testIgnore: o.testIgnore } : {}),
    // One devnet, one story: the tests run in order in one worker.
    workers: 1,
    fullyParallel: false,
    retries: 0,
    timeout: 120_000,
    expect: { timeout: o.expectTimeoutMs },
    globalTimeout: o.globalTimeoutMs,
    globalSetup: story?.globalSetup ?? "./src/global-setup.ts",
    outputDir: story ? `test-results/${story.name}/artifacts` : "test-results/artifacts",
    reporter: [["list"], ["json", { outputFile: story ? `test-results/playwright-${story.name}.json` : "test-results/playwright.json" }]],
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
