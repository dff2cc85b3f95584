/**
 * libs/protocol's topology is the one list of TIM3's processes: every folder under processes/ is in it (and nothing
 * else), each entry's folder is a process whose Nx project has that name, and the peers name roles of the table
 * (never the process itself), so deploy, tests, SDK and apps that read it agree with the processes that exist.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ProcessRoles, Topology, peerTagsOf, roleOfPeerTag } from "@tim3/protocol";
import { PROCESS_NAMES } from "../src/index";

const processesDir = join(__dirname, "..", "..", "..", "processes");

describe("topology", () => {
  it("lists exactly the process folders, each an Nx project of the same name", () => {
    const folders = readdirSync(processesDir).filter((f) => existsSync(join(processesDir, f, "package.json")));
    expect([...PROCESS_NAMES].sort()).toEqual(folders.sort());
    for (const role of ProcessRoles) {
      const pkg = JSON.parse(readFileSync(join(processesDir, Topology[role].folder, "package.json"), "utf8"));
      expect(pkg.nx?.name, role).toBe(Topology[role].folder);
    }
  });

  it("peers are roles of the table, never the process itself; peer tags map back to their roles", () => {
    const tags = new Set<string>();
    for (const role of ProcessRoles) {
      const t = Topology[role];
      expect(tags.has(t.peerTag), `${role}: peer tag used twice`).toBe(false);
      tags.add(t.peerTag);
      expect(roleOfPeerTag(t.peerTag)).toBe(role);
      expect(t.peers).not.toContain(role);
      for (const peer of t.peers) expect(ProcessRoles).toContain(peer);
      expect(peerTagsOf(role)).toEqual(t.peers.map((p) => Topology[p].peerTag));
      for (const from of Object.values(t.spawnTagsFromInfo ?? {})) expect(ProcessRoles.indexOf(from.from), `${role} spawns after ${from.from}`).toBeLessThan(ProcessRoles.indexOf(role));
    }
  });
});
