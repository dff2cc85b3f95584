import { packageConfig, sourceConditions } from "../../vitest.shared";

// The Nx clone test runs the real nx CLI a few times (about 2 s each on a loaded 2-core machine).
const config = packageConfig({ timeoutMs: 120_000 });
// The AWS SDK's "module" builds (dist-es) import files without extensions, which Node cannot load: resolve the SDK
// as Node itself does, without the "module" condition.
const conditions = sourceConditions.filter((condition) => condition !== "module");
config.resolve!.conditions = conditions;
config.ssr!.resolve!.conditions = conditions;
export default config;
