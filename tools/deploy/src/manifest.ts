/**
 * What TIM3 consists of on AO, declared once: the processes, the module and scheduler they run on, the Authority they
 * trust, their spawn tags (the Token Manager takes USDA's Denomination) and who configures whom.
 */
import { PeerTags, Tags } from "@tim3/protocol";
import type { NetworkUrls, ProcessRole } from "@tim3/sdk";
import { AOS_MODULE_ID } from "@tim3/testing";

/** The aos module the local devnet runs (libs/testing says which; the devnet refuses any other). */
export const LOCAL_MODULE = AOS_MODULE_ID;

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

/** Where and how to deploy: the HyperBEAM node (aoconnect MODE "mainnet"), and what processes run on. */
export interface NetworkConfig {
  name: string;
  nodeUrl: string;
  module: string;
  scheduler: string;
  authority: string;
  /** Processes that already exist on this network and are used, not deployed (e.g. the real USDA on mainnet). */
  external?: Partial<Record<ProcessRole, string>>;
}

/**
 * The local devnet: its node is the scheduler, and the node's address is the Authority processes trust (it is the
 * Owner of every message the node relays from one process to another).
 */
export function localNetwork(urls: Required<NetworkUrls>): NetworkConfig {
  return { name: "local", nodeUrl: urls.nodeUrl, module: LOCAL_MODULE, scheduler: urls.scheduler, authority: urls.scheduler };
}
