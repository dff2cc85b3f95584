import { packageConfig } from "../../vitest.shared";

const config = packageConfig();
// One module graph for every file (as in tests/flows): each test builds its own network and processes.
config.test = { ...config.test, isolate: false };

export default config;
