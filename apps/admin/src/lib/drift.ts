/**
 * Drift: what each process reports about itself (Info: Version, Source-Hash, Admin, peers) against the deploy state
 * file the console was configured with. Pure, so it is unit-tested; the Processes page shows the result.
 */
import { PeerTags, Tags } from "@tim3/protocol";
import type { ProcessRole, Tim3Processes } from "@tim3/sdk";
import type { Deployment } from "./config";
import { EXPECTED_PEERS, PEER_TAG_ROLE, ROLES, ROLE_LABEL } from "./roles";

type DriftKind = "unreachable" | "id" | "version" | "source-hash" | "admin" | "peer" | "missing-peer";

export interface DriftIssue {
  role: ProcessRole;
  kind: DriftKind;
  /** The Info tag concerned (Version, Source-Hash, Admin, Coordinator-Process, …), when there is one. */
  tag?: string;
  expected?: string;
  actual?: string;
  message: string;
}

/** One peer as a process sees it, and whether that matches the deployment. */
export interface PeerView {
  tag: string;
  role: ProcessRole;
  id: string | undefined;
  expected: string;
  ok: boolean;
}

const short = (s: string | undefined) => (s === undefined || s === "" ? "(none)" : s.length > 16 ? `${s.slice(0, 12)}…` : s);

/** The peer tags a process reports (and those it should report but does not), each checked against the ids in use. */
export function peerViews(role: ProcessRole, info: Record<string, string>, processes: Tim3Processes): PeerView[] {
  const tags = new Set<string>(EXPECTED_PEERS[role]);
  for (const tag of Object.keys(info)) if (PEER_TAG_ROLE[tag] !== undefined) tags.add(tag);
  return Array.from(tags)
    .sort()
    .map((tag) => {
      const peer = PEER_TAG_ROLE[tag];
      const expected = processes[peer];
      return { tag, role: peer, id: info[tag], expected, ok: info[tag] === expected };
    });
}

/** Drift of one process; `info` undefined means its Info could not be read. */
export function processDrift(
  role: ProcessRole,
  info: Record<string, string> | undefined,
  processes: Tim3Processes,
  deployment: Deployment | undefined,
): DriftIssue[] {
  const label = ROLE_LABEL[role];
  if (info === undefined) return [{ role, kind: "unreachable", message: `${label} did not answer Info` }];
  const issues: DriftIssue[] = [];
  const rec = deployment?.processes[role];
  if (rec !== undefined && rec.id !== processes[role]) {
    issues.push({ role, kind: "id", expected: rec.id, actual: processes[role], message: `${label}: the console uses ${short(processes[role])}, the deploy state records ${short(rec.id)}` });
  }
  if (rec !== undefined && rec.external) return issues;
  if (rec !== undefined && info[Tags.Version] !== rec.version) {
    issues.push({ role, kind: "version", tag: Tags.Version, expected: rec.version, actual: info[Tags.Version], message: `${label} runs version ${info[Tags.Version] ?? "(none)"}, deployed ${rec.version || "(none)"}` });
  }
  if (rec !== undefined && info[Tags.SourceHash] !== rec.bundleHash) {
    issues.push({ role, kind: "source-hash", tag: Tags.SourceHash, expected: rec.bundleHash, actual: info[Tags.SourceHash], message: `${label} reports source ${short(info[Tags.SourceHash])}, deployed ${short(rec.bundleHash)}` });
  }
  if (deployment !== undefined && info[PeerTags.Admin] !== deployment.admin) {
    issues.push({ role, kind: "admin", tag: PeerTags.Admin, expected: deployment.admin, actual: info[PeerTags.Admin], message: `${label} has admin ${short(info[PeerTags.Admin])}, deployed ${short(deployment.admin)}` });
  }
  for (const peer of peerViews(role, info, processes)) {
    if (peer.ok) continue;
    const missing = peer.id === undefined || peer.id === "";
    issues.push({
      role,
      kind: missing ? "missing-peer" : "peer",
      tag: peer.tag,
      expected: peer.expected,
      actual: peer.id,
      message: missing
        ? `${label} has no ${peer.tag} (should be ${short(peer.expected)})`
        : `${label} sees ${peer.tag} = ${short(peer.id)}, but the ${ROLE_LABEL[peer.role]} is ${short(peer.expected)}`,
    });
  }
  return issues;
}

/** Drift of all five processes, in role order. */
export function allDrift(
  infos: Partial<Record<ProcessRole, Record<string, string> | undefined>>,
  processes: Tim3Processes,
  deployment: Deployment | undefined,
): DriftIssue[] {
  return ROLES.flatMap((role) => processDrift(role, infos[role], processes, deployment));
}
