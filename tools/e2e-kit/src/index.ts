/** @tim3/e2e-kit: what the Playwright projects share (Playwright defaults: "@tim3/e2e-kit/playwright"). */
export { installTestWallet, walletCallNames } from "./test-wallet";
export { startDevnet, withDevnet, type DevnetReady, type E2eDevnet, type E2eDevnetOptions } from "./devnet";
export { freshScreenshots, readE2eEnv, readJwk, writeTestKey } from "./files";
export { serveStatic, type StaticServer } from "@tim3/web/node";
export { dryRunsPerProcess } from "./dry-runs";
