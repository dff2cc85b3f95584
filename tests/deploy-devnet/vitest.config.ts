import { packageConfig } from "../../vitest.shared";

// A devnet per run (spawns, bundle Evals, several CLI processes): minutes on a loaded 2-core machine.
export default packageConfig({ timeoutMs: 300_000 });
