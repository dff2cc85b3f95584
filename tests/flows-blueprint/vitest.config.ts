/**
 * The flow suite of tests/flows, run against the blueprint-like USDA (libs/testing/lua/blueprint-usda.lua): every
 * flow must hold against a real-world token's Reply-To, Transfer-Error and Balance behaviour too. The tests that
 * need what only mock-usda has say so and branch on `usdaKind`.
 */
import { packageConfig } from "../../vitest.shared";

const config = packageConfig();
config.test = { ...config.test, dir: "../flows", env: { TIM3_USDA: "blueprint" } };

export default config;
