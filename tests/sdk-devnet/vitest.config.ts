import { packageConfig } from "../../vitest.shared";

// A devnet per file (spawns, bundle Evals): minutes on a loaded 2-core machine.
const config = packageConfig({ timeoutMs: 300_000 });
// One module graph for every file (the SDK, the deploy tool and the devnet imported once, not once per file): each
// file still starts and stops its own devnet, on its own port and data dir.
config.test = { ...config.test, isolate: false };

export default config;
