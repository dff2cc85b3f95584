/**
 * libs/protocol's topology is the one list of TIM3's processes: every folder under processes/ is in it (and nothing
 * else), each entry's folder is a process whose Nx project has that name, and the peers name roles of the table
 * (never the process itself), so deploy, tests, SDK and apps that read it agree with the processes that exist.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PeerTags, ProcessRoles, RolePeerTags, Topology, peerTagsOf, roleOfPeerTag } from "@tim3/protocol";
import { PROCESS_NAMES } from "../src/index";

const root = join(__dirname, "..", "..", "..");
const processesDir = join(root, "processes");

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

  it("PeerTags come from the table, under the wire names deployed processes answer to", () => {
    // Changing one of these strings would make a new build refuse the Configure of every deployed process.
    expect(PeerTags).toEqual({
      Admin: "Admin",
      Usda: "Usda-Process",
      TokenManager: "Token-Manager-Process",
      LockManager: "Lock-Manager-Process",
      Coordinator: "Coordinator-Process",
      StateManager: "State-Manager-Process",
    });
    for (const role of ProcessRoles) expect(RolePeerTags[role]).toBe(Topology[role].peerTag);
  });

  it("no project outside processes/ lists the processes: they wait for every process by its tag", () => {
    const processTag = "type:process";
    const projectNames = ProcessRoles.map((r) => Topology[r].folder);
    const packageNames = projectNames.map((n) => "@tim3/" + n);
    for (const role of ProcessRoles) {
      const pkg = JSON.parse(readFileSync(join(processesDir, Topology[role].folder, "package.json"), "utf8"));
      expect(pkg.nx?.tags, `${role} is tagged ${processTag}`).toContain(processTag);
    }
    const dirs = ["apps", "libs", "tests", "tools", "processes"].flatMap((top) =>
      readdirSync(join(root, top)).map((d) => join(top, d)).filter((d) => existsSync(join(root, d, "package.json"))),
    );
    const waiting: string[] = [];
    for (const dir of dirs) {
      const pkg = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
      const own = pkg.nx?.name as string;
      const deps = { ...pkg.dependencies, ...pkg.devDependencies };
      for (const name of packageNames) if (name !== pkg.name) expect(deps[name], `${dir} depends on ${name}`).toBeUndefined();
      const nx = JSON.stringify(pkg.nx ?? {});
      for (const name of projectNames) if (name !== own) expect(nx.includes(`"${name}"`), `${dir} names the ${name} project`).toBe(false);
      if ((pkg.nx?.implicitDependencies ?? []).includes("tag:" + processTag)) waiting.push(dir);
    }
    // The projects that run the whole system (the devnet, the flow and fuzz tests, the bench, the e2e stories).
    expect(waiting.length).toBeGreaterThanOrEqual(8);
  });
});
