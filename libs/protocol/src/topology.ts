/**
 * What TIM3 consists of, declared once and read by everything that needs it: the processes by role (in spawn order),
 * the folder each is built from, the Configure/Info tag that carries its id, how people call it, its spawn tags, and
 * its peers — the processes the admin configures it with (Configure), which its Configure handler accepts and its
 * Info reports. The processes (Configure), tools/deploy (spawn and wiring), libs/testing, the SDK, libs/web and the
 * admin console all read this table: adding a process is its folder plus one entry here.
 */
import { Actions } from "./actions";
import { Tags } from "./tags";

export const ProcessRoles = ["usda", "tokenManager", "lockManager", "coordinator", "stateManager"] as const;
export type ProcessRole = (typeof ProcessRoles)[number];

/** One process as the table declares it. */
interface ProcessEntry {
  /** Folder under processes/ (its bundle: processes/<folder>/dist/process.lua). */
  folder: string;
  /** The Configure (and Info) tag that carries this process's id; `PeerTags` below is derived from these. */
  peerTag: string;
  /** How the apps name it. */
  label: string;
  /** The peers it is configured with (each as its role's peerTag): the only peer tags its Configure accepts. */
  peers: readonly ProcessRole[];
  /** The Lua global its state lives in (the mock's, for USDA: the real USDA is a blueprint token with its own globals). */
  luaGlobal: string;
  /** Tags it is spawned with. */
  spawnTags: Readonly<Record<string, string>>;
  /** Spawn tags copied from another process's Info reply: tag → the role asked and the Info tag read. */
  spawnTagsFromInfo?: Readonly<Record<string, { from: ProcessRole; info: string }>>;
}

/** One process as everything else reads it: its peer tag typed as one of `PeerTags`. */
export interface ProcessTopology extends ProcessEntry {
  peerTag: PeerTag;
}

const table = {
  // The token everything is backed by; TIM3 configures nothing on it (mock-usda on the devnet, the real USDA on mainnet).
  usda: { folder: "mock-usda", peerTag: "Usda-Process", label: "USDA", luaGlobal: "MockUsda", peers: [], spawnTags: { [Tags.Name]: "tim3-mock-usda" } },
  // Every process that takes no USDA or no TIM3 knows the token anyway, to return what is sent to it by mistake.
  tokenManager: {
    folder: "token-manager",
    peerTag: "Token-Manager-Process",
    label: "Token Manager",
    luaGlobal: "TokenManager",
    peers: ["usda", "coordinator", "stateManager"],
    spawnTags: { [Tags.Name]: "tim3-token-manager" },
    spawnTagsFromInfo: { [Tags.Denomination]: { from: "usda", info: Tags.Denomination } },
  },
  lockManager: {
    folder: "lock-manager",
    peerTag: "Lock-Manager-Process",
    label: "Lock Manager",
    luaGlobal: "LockManager",
    peers: ["usda", "tokenManager", "coordinator", "stateManager"],
    spawnTags: { [Tags.Name]: "tim3-lock-manager" },
  },
  coordinator: {
    folder: "coordinator",
    peerTag: "Coordinator-Process",
    label: "Coordinator",
    luaGlobal: "Coordinator",
    peers: ["usda", "tokenManager", "lockManager", "stateManager"],
    spawnTags: { [Tags.Name]: "tim3-coordinator" },
  },
  stateManager: {
    folder: "state-manager",
    peerTag: "State-Manager-Process",
    label: "State Manager",
    luaGlobal: "StateManager",
    peers: ["usda", "tokenManager", "lockManager", "coordinator"],
    spawnTags: { [Tags.Name]: "tim3-state-manager" },
  },
} as const satisfies { readonly [R in ProcessRole]: ProcessEntry };

export const Topology: { readonly [R in ProcessRole]: ProcessTopology } = table;

type PeerTagsShape = { readonly Admin: "Admin" } & {
  readonly [R in ProcessRole as Capitalize<R>]: (typeof table)[R]["peerTag"];
};

/**
 * The Configure tags naming a process's peers (Info reports them under the same names): `Admin`, and each role's
 * `peerTag` under the role's capitalised name (`PeerTags.TokenManager` = "Token-Manager-Process"). Derived from the
 * table, so a new role brings its tag with it.
 */
export const PeerTags: PeerTagsShape = (() => {
  const tags: Record<string, string> = { Admin: "Admin" };
  for (const role of ProcessRoles) tags[role.substring(0, 1).toUpperCase() + role.substring(1)] = table[role].peerTag;
  return tags as PeerTagsShape;
})();
export type PeerTag = PeerTagsShape[keyof PeerTagsShape];

/** The Configure (and Info) tag that carries each role's process id. */
export const RolePeerTags: { readonly [R in ProcessRole]: PeerTag } = (() => {
  const tags = {} as { [R in ProcessRole]: PeerTag };
  for (const role of ProcessRoles) tags[role] = Topology[role].peerTag;
  return tags;
})();

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

/**
 * Who sends each internal action to whom: the receiver accepts it only from that sender (`isPeer` on the sender's
 * peer tag) and refuses it from anyone else. Public actions (the token blueprint's, the holders' queries, the admin's)
 * are not listed: anyone, or the admin, may send them.
 */
export const InternalRoutes = [
  { action: Actions.DepositReceived, from: "lockManager", to: "coordinator" },
  { action: Actions.Released, from: "lockManager", to: "coordinator" },
  { action: Actions.ReleaseFailed, from: "lockManager", to: "coordinator" },
  { action: Actions.ReleaseDisputed, from: "lockManager", to: "coordinator" },
  { action: Actions.RefundDeposit, from: "coordinator", to: "lockManager" },
  { action: Actions.DepositAccepted, from: "coordinator", to: "lockManager" },
  { action: Actions.Release, from: "coordinator", to: "lockManager" },
  { action: Actions.MintTim3, from: "coordinator", to: "tokenManager" },
  { action: Actions.BurnTim3, from: "coordinator", to: "tokenManager" },
  { action: Actions.Tim3Minted, from: "tokenManager", to: "coordinator" },
  { action: Actions.Tim3Burned, from: "tokenManager", to: "coordinator" },
  { action: Actions.ReportSupply, from: "tokenManager", to: "stateManager" },
  { action: Actions.ReportCollateral, from: "lockManager", to: "stateManager" },
  { action: Actions.ReportOperations, from: "coordinator", to: "stateManager" },
  { action: Actions.CircuitUpdate, from: "stateManager", to: "coordinator" },
] as const satisfies readonly { action: string; from: ProcessRole; to: ProcessRole }[];

/** The aos module mainnet processes are spawned with: aos 2.0.6, wasm64. */
export const MAINNET_AOS_MODULE = "ISShJH1ij-hPPt9St5UFFr_8Ys3Kj5cyg7zrMGt7H9s";
/** The aos 2.0.4 wasm32 build: selectable in libs/testing (TIM3_AOS_MODULE=wasm32) only to compare the two. */
export const WASM32_AOS_MODULE = "WASM32-D8q2OmZ4Mok00sD2Y_6SYEQ7Hjx-6VZ_jl3g";
