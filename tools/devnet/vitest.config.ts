import { packageConfig } from "../../vitest.shared";

// A devnet per run (spawns, bundle Evals, several CLI processes): minutes on a loaded 2-core machine.
const config = packageConfig({ timeoutMs: 300_000 });
// One module graph for every file (the one worker a 2-core machine gets ran each file in a fresh one, re-importing
// the SDK, the deploy tool and the node): each file still starts, and stops, its own devnets and data dirs.
config.test = { ...config.test, isolate: false };

export default config;
