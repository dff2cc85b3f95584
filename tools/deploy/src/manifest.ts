/**
 * How TIM3 is deployed on AO: the processes, their spawn tags and who configures whom come from libs/protocol's
 * topology (the Token Manager takes USDA's Denomination); here, the module and scheduler they run on and the
 * Authority they trust.
 */
import { ProcessRoles, Topology } from "@tim3/protocol";
import type { NetworkUrls, ProcessRole, TokenForm } from "@tim3/sdk";
import { AOS_MODULE_ID } from "@tim3/local-ao/module-id";

/** The aos module the local devnet runs (@tim3/local-ao says which; the devnet refuses any other). */
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

/** libs/protocol's topology as a deploy plan: spawn in role order, then Configure each process with its peers. */
export const manifest: Manifest = {
  order: [...ProcessRoles],
  processes: Object.fromEntries(
    ProcessRoles.map((role) => {
      const t = Topology[role];
      const spec: ProcessSpec = { name: t.folder, spawnTags: { ...t.spawnTags } };
      if (t.spawnTagsFromInfo !== undefined) spec.spawnTagsFromInfo = { ...t.spawnTagsFromInfo };
      return [role, spec];
    }),
  ) as Record<ProcessRole, ProcessSpec>,
  wiring: Object.fromEntries(
    ProcessRoles.filter((role) => Topology[role].peers.length > 0).map((role) => [
      role,
      Object.fromEntries(Topology[role].peers.map((peer) => [Topology[peer].peerTag, peer])),
    ]),
  ),
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
  /**
   * Info tags of external processes, known before deploying (a mainnet profile reads USDA's Denomination from the
   * token-info it exposes): used instead of asking them, since only TIM3's own processes expose process-info.
   */
  externalInfo?: Partial<Record<ProcessRole, Record<string, string>>>;
  /**
   * How an external USDA publishes its state, learned from where its token-info answered (`exposedToken`); recorded
   * in the deploy state so clients ask its balances at the right path first. A USDA TIM3 deploys is "tim3".
   */
  usdaForm?: TokenForm;
  /**
   * Every authority an external USDA's messages arrive under (its spawn's Authority tags, read at a gateway by
   * `authoritiesWithUsda`); recorded in the deploy state for the SDK's verdict read. A USDA TIM3 deploys is spawned
   * trusting `authority`, so its are those.
   */
  usdaAuthorities?: string[];
}

/**
 * The local devnet: its node is the scheduler, and the node's address is the Authority processes trust (it is the
 * Owner of every message the node relays from one process to another).
 */
export function localNetwork(urls: Required<NetworkUrls>): NetworkConfig {
  return { name: "local", nodeUrl: urls.nodeUrl, module: LOCAL_MODULE, scheduler: urls.scheduler, authority: urls.scheduler };
}
