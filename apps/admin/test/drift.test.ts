import { describe, expect, it } from "vitest";
import { PeerTags, Tags } from "@tim3/protocol";
import type { ProcessRole, Tim3Processes } from "@tim3/sdk";
import type { Deployment } from "../src/lib/config";
import { allDrift, peerViews, processDrift } from "../src/lib/drift";

const id = (c: string) => c.repeat(43);
const processes: Tim3Processes = { usda: id("U"), tokenManager: id("T"), lockManager: id("L"), coordinator: id("C"), stateManager: id("S") };
const ADMIN = id("A");
const deployment: Deployment = {
  admin: ADMIN,
  updatedAt: "",
  processes: Object.fromEntries(
    (Object.keys(processes) as ProcessRole[]).map((r) => [r, { id: processes[r], name: r, version: "1.0.0", bundleHash: `hash-${r}`, external: false }]),
  ) as Deployment["processes"],
};

function info(role: ProcessRole, over: Record<string, string | undefined> = {}): Record<string, string> {
  const base: Record<string, string> = { [Tags.Name]: role, [Tags.Version]: "1.0.0", [Tags.SourceHash]: `hash-${role}`, [PeerTags.Admin]: ADMIN };
  const peers: Record<ProcessRole, Record<string, string>> = {
    usda: {},
    tokenManager: { [PeerTags.Usda]: processes.usda, [PeerTags.Coordinator]: processes.coordinator, [PeerTags.StateManager]: processes.stateManager },
    lockManager: {
      [PeerTags.Usda]: processes.usda, [PeerTags.TokenManager]: processes.tokenManager, [PeerTags.Coordinator]: processes.coordinator, [PeerTags.StateManager]: processes.stateManager,
    },
    coordinator: {
      [PeerTags.Usda]: processes.usda, [PeerTags.TokenManager]: processes.tokenManager, [PeerTags.LockManager]: processes.lockManager, [PeerTags.StateManager]: processes.stateManager,
    },
    stateManager: {
      [PeerTags.Usda]: processes.usda, [PeerTags.TokenManager]: processes.tokenManager, [PeerTags.LockManager]: processes.lockManager, [PeerTags.Coordinator]: processes.coordinator,
    },
  };
  const out = { ...base, ...peers[role] };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

const allInfos = () => Object.fromEntries((Object.keys(processes) as ProcessRole[]).map((r) => [r, info(r)]));

describe("drift against the deploy state", () => {
  it("finds none when every Info matches", () => {
    expect(allDrift(allInfos(), processes, deployment)).toEqual([]);
  });

  it("reports version, source hash and admin changes", () => {
    const issues = processDrift("coordinator", info("coordinator", { [Tags.Version]: "1.0.1", [Tags.SourceHash]: "other", [PeerTags.Admin]: id("X") }), processes, deployment);
    expect(issues.map((i) => [i.kind, i.expected, i.actual])).toEqual([
      ["version", "1.0.0", "1.0.1"],
      ["source-hash", "hash-coordinator", "other"],
      ["admin", ADMIN, id("X")],
    ]);
  });

  it("reports a peer pointing elsewhere and a missing peer, as that process sees them", () => {
    const i = info("tokenManager", { [PeerTags.Coordinator]: id("Z"), [PeerTags.StateManager]: undefined });
    const issues = processDrift("tokenManager", i, processes, deployment);
    expect(issues.map((x) => [x.kind, x.tag])).toEqual([
      ["peer", PeerTags.Coordinator],
      ["missing-peer", PeerTags.StateManager],
    ]);
    expect(issues[0].message).toContain("Token Manager sees Coordinator-Process = ZZZZZZZZZZZZ…");
    expect(peerViews("tokenManager", i, processes).map((p) => [p.tag, p.ok])).toEqual([
      [PeerTags.Coordinator, false],
      [PeerTags.StateManager, false],
      [PeerTags.Usda, true],
    ]);
  });

  it("reports an unreachable process and a config that disagrees with the state file", () => {
    expect(processDrift("usda", undefined, processes, deployment)[0].kind).toBe("unreachable");
    const other = { ...processes, lockManager: id("Q") };
    const issues = processDrift("lockManager", info("lockManager"), other, deployment);
    expect(issues[0]).toMatchObject({ kind: "id", expected: processes.lockManager, actual: id("Q") });
  });

  it("checks only peers for external processes and without a deployment record", () => {
    const ext: Deployment = { ...deployment, processes: { ...deployment.processes, usda: { ...deployment.processes.usda, external: true, version: "", bundleHash: "" } } };
    expect(processDrift("usda", { [Tags.Name]: "USDA" }, processes, ext)).toEqual([]);
    expect(processDrift("coordinator", info("coordinator", { [Tags.Version]: "9" }), processes, undefined)).toEqual([]);
  });
});
