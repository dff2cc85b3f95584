import { packageConfig } from "../../vitest.shared";

// A devnet per run (spawns, bundle Evals, several CLI processes): minutes on a loaded 2-core machine.
const config = packageConfig({ timeoutMs: 300_000 });
// One module graph for every file (each test file starts and stops what it needs): a fresh graph per file was two
// thirds of this suite's CPU.
config.test = { ...config.test, isolate: false };

export default config;
