import { packageConfig } from "../../vitest.shared";

// A devnet per file (spawns, bundle Evals): minutes on a loaded 2-core machine.
export default packageConfig({ timeoutMs: 300_000 });
