import { e2eConfig } from "@tim3/e2e-kit/playwright";

// One devnet, one wallet, one story (see @tim3/e2e-kit/playwright for the shared settings).
export default e2eConfig({ expectTimeoutMs: 60_000, globalTimeoutMs: 600_000, viewport: { width: 1280, height: 900 } });
