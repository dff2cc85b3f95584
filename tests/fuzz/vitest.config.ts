import { packageConfig } from "../../vitest.shared";

const config = packageConfig();
// One module graph for both files (as in tests/flows): the aos module is compiled and warmed up once; each scenario
// and the bad-input corpus deploy their own worlds.
config.test = { ...config.test, isolate: false };

export default config;
