import { packageConfig } from "../../vitest.shared";

// The affected check runs the real nx CLI a few times (about 2 s each on a loaded 2-core machine).
export default packageConfig({ timeoutMs: 60_000 });
