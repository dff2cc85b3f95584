import { packageConfig } from "../../vitest.shared";

const config = packageConfig();
/**
 * One worker runs every file (vitest gives a 2-core machine one) without a fresh module graph per file: each file
 * still deploys its own worlds, but the aos module is compiled and the runtime warmed up once per run instead of once
 * per file — about two fifths of this suite's CPU. The files share no state: each test builds its world from scratch.
 */
config.test = { ...config.test, isolate: false };

export default config;
