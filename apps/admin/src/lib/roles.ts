/** The five TIM3 processes by role, how the console names them, and which peers each one is wired to. */
import { PeerTags } from "@tim3/protocol";
import type { ProcessRole } from "@tim3/sdk";

export const ROLES: ProcessRole[] = ["usda", "tokenManager", "lockManager", "coordinator", "stateManager"];

export const ROLE_LABEL: Record<ProcessRole, string> = {
  usda: "USDA (mock)",
  tokenManager: "Token Manager",
  lockManager: "Lock Manager",
  coordinator: "Coordinator",
  stateManager: "State Manager",
};

/** Info reports each peer under its Configure tag; this is the role each tag names. */
export const PEER_TAG_ROLE: Record<string, ProcessRole> = {
  [PeerTags.Usda]: "usda",
  [PeerTags.TokenManager]: "tokenManager",
  [PeerTags.LockManager]: "lockManager",
  [PeerTags.Coordinator]: "coordinator",
  [PeerTags.StateManager]: "stateManager",
};

/**
 * The wiring the deploy sends (tools/deploy/src/manifest.ts `wiring`): the peer tags each process must report.
 * Kept here because apps may import only @tim3/sdk and @tim3/protocol.
 */
export const EXPECTED_PEERS: Record<ProcessRole, string[]> = {
  usda: [],
  tokenManager: [PeerTags.Usda, PeerTags.Coordinator, PeerTags.StateManager],
  lockManager: [PeerTags.Usda, PeerTags.TokenManager, PeerTags.Coordinator, PeerTags.StateManager],
  coordinator: [PeerTags.Usda, PeerTags.TokenManager, PeerTags.LockManager, PeerTags.StateManager],
  stateManager: [PeerTags.Usda, PeerTags.TokenManager, PeerTags.LockManager, PeerTags.Coordinator],
};
