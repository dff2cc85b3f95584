import { e2eConfig } from "@tim3/e2e-kit/playwright";

// One devnet, one story (see @tim3/e2e-kit/playwright for the shared settings).
export default e2eConfig({ expectTimeoutMs: 45_000, globalTimeoutMs: 420_000, viewport: { width: 1366, height: 900 } });
