/** The TIM3 processes by role, how the console names them, and which peers each one is wired to: libs/protocol's topology. */
import { ProcessRoles, Topology, peerTagsOf, roleOfPeerTag } from "@tim3/protocol";
import type { ProcessRole } from "@tim3/sdk";

export const ROLES: ProcessRole[] = [...ProcessRoles];

export const ROLE_LABEL = Object.fromEntries(ROLES.map((r) => [r, Topology[r].label])) as Record<ProcessRole, string>;

/** Info reports each peer under its Configure tag; this is the role each tag names. */
export const PEER_TAG_ROLE: Record<string, ProcessRole> = Object.fromEntries(
  ROLES.map((r) => [Topology[r].peerTag, roleOfPeerTag(Topology[r].peerTag) as ProcessRole]),
);

/** The wiring the deploy sends: the peer tags each process must report. */
export const EXPECTED_PEERS = Object.fromEntries(ROLES.map((r) => [r, peerTagsOf(r) as string[]])) as Record<ProcessRole, string[]>;
