/**
 * What TIM3 consists of, declared once and read by everything that needs it: the processes by role (in spawn order),
 * the folder each is built from, the Configure/Info tag that carries its id, how people call it, its spawn tags, and
 * its peers — the processes the admin configures it with (Configure), which its Configure handler accepts and its
 * Info reports. The processes (Configure), tools/deploy (spawn and wiring), libs/testing, the SDK, libs/web and the
 * admin console all read this table: adding a process is its folder plus one entry here.
 */
import { PeerTags, Tags, type PeerTag } from "./tags";

export const ProcessRoles = ["usda", "tokenManager", "lockManager", "coordinator", "stateManager"] as const;
export type ProcessRole = (typeof ProcessRoles)[number];

export interface ProcessTopology {
  /** Folder under processes/ (its bundle: processes/<folder>/dist/process.lua). */
  folder: string;
  /** The Configure (and Info) tag that carries this process's id. */
  peerTag: PeerTag;
  /** How the apps name it. */
  label: string;
  /** The peers it is configured with (each as its role's peerTag): the only peer tags its Configure accepts. */
  peers: readonly ProcessRole[];
  /** Tags it is spawned with. */
  spawnTags: Readonly<Record<string, string>>;
  /** Spawn tags copied from another process's Info reply: tag → the role asked and the Info tag read. */
  spawnTagsFromInfo?: Readonly<Record<string, { from: ProcessRole; info: string }>>;
}

export const Topology: { readonly [R in ProcessRole]: ProcessTopology } = {
  // The token everything is backed by; TIM3 configures nothing on it (mock-usda on the devnet, the real USDA on mainnet).
  usda: { folder: "mock-usda", peerTag: PeerTags.Usda, label: "USDA", peers: [], spawnTags: { [Tags.Name]: "tim3-mock-usda" } },
  // Every process that takes no USDA or no TIM3 knows the token anyway, to return what is sent to it by mistake.
  tokenManager: {
    folder: "token-manager",
    peerTag: PeerTags.TokenManager,
    label: "Token Manager",
    peers: ["usda", "coordinator", "stateManager"],
    spawnTags: { [Tags.Name]: "tim3-token-manager" },
    spawnTagsFromInfo: { [Tags.Denomination]: { from: "usda", info: Tags.Denomination } },
  },
  lockManager: {
    folder: "lock-manager",
    peerTag: PeerTags.LockManager,
    label: "Lock Manager",
    peers: ["usda", "tokenManager", "coordinator", "stateManager"],
    spawnTags: { [Tags.Name]: "tim3-lock-manager" },
  },
  coordinator: {
    folder: "coordinator",
    peerTag: PeerTags.Coordinator,
    label: "Coordinator",
    peers: ["usda", "tokenManager", "lockManager", "stateManager"],
    spawnTags: { [Tags.Name]: "tim3-coordinator" },
  },
  stateManager: {
    folder: "state-manager",
    peerTag: PeerTags.StateManager,
    label: "State Manager",
    peers: ["usda", "tokenManager", "lockManager", "coordinator"],
    spawnTags: { [Tags.Name]: "tim3-state-manager" },
  },
};

/** The Configure (and Info) tag that carries each role's process id. */
export const RolePeerTags: { readonly [R in ProcessRole]: PeerTag } = {
  usda: Topology.usda.peerTag,
  tokenManager: Topology.tokenManager.peerTag,
  lockManager: Topology.lockManager.peerTag,
  coordinator: Topology.coordinator.peerTag,
  stateManager: Topology.stateManager.peerTag,
};

/** The peer tags a process's Configure accepts and its Info reports. */
export function peerTagsOf(role: ProcessRole): PeerTag[] {
  const tags: PeerTag[] = [];
  for (const peer of Topology[role].peers) tags.push(Topology[peer].peerTag);
  return tags;
}

/** The role whose id a peer tag carries, if it is one. */
export function roleOfPeerTag(tag: string): ProcessRole | undefined {
  for (const role of ProcessRoles) if (Topology[role].peerTag === tag) return role;
  return undefined;
}

/** The aos module mainnet processes are spawned with: aos 2.0.6, wasm64. */
export const MAINNET_AOS_MODULE = "ISShJH1ij-hPPt9St5UFFr_8Ys3Kj5cyg7zrMGt7H9s";
/** The aos 2.0.4 wasm32 build: selectable in libs/testing (TIM3_AOS_MODULE=wasm32) only to compare the two. */
export const WASM32_AOS_MODULE = "WASM32-D8q2OmZ4Mok00sD2Y_6SYEQ7Hjx-6VZ_jl3g";
/** The aos module the local devnet and the tests run by default: the mainnet one. */
export const LOCAL_AOS_MODULE = MAINNET_AOS_MODULE;
