import { describe, expect, it } from "vitest";
import { InternalRoutes, ProcessRoles, Topology } from "../src/index";

describe("the topology's routes", () => {
  it("name each internal action once, from a process to another that is configured with the sender as a peer", () => {
    expect(new Set(InternalRoutes.map((r) => r.action)).size).toBe(InternalRoutes.length);
    for (const r of InternalRoutes) {
      expect(r.from).not.toBe(r.to);
      // The receiver checks isPeer on the sender's tag: only a peer its Configure accepts can pass.
      expect(Topology[r.to].peers as readonly string[]).toContain(r.from);
    }
  });

  it("give every process its own Lua global", () => {
    expect(new Set(ProcessRoles.map((r) => Topology[r].luaGlobal)).size).toBe(ProcessRoles.length);
  });
});
