/**
 * The test network delivers as a node does because it runs @tim3/local-ao's delivery engine (libs/local-ao/README.md):
 * depth-first by default, a wallet's message assigned when it is posted, a process's earlier pending slot evaluated
 * before a relayed message assigned after it. Scripted processes (no aos module): fast.
 */
import { expect, it } from "vitest";
import { Network, type Envelope, type Outbound, type ProcessRuntime } from "../src/index";

/** A process that records what it is given and sends what `script` returns. */
function scripted(seen: Envelope[], script: (msg: Envelope) => Outbound[] = () => []): ProcessRuntime {
  return {
    handle: async (msg) => {
      seen.push(msg);
      return script(msg);
    },
    dryrun: async (msg) => script(msg),
  };
}

it("delivers depth-first by default, each outbox in its map's key order (dev_push do_push/3)", async () => {
  const seen: Envelope[] = [];
  const net = new Network();
  net.add("P", scripted(seen, (m) => {
    if (m.tags.Action === "Fan") return Array.from({ length: 11 }, (_, i) => ({ target: "P", tags: { Action: "Leaf", N: String(i + 1) }, data: "" }));
    return m.tags.N === "1" ? [{ target: "P", tags: { Action: "Grand" }, data: "" }] : [];
  }));
  await net.send("wallet", "P", { Action: "Fan" });
  expect(seen.map((m) => m.tags.Action + (m.tags.N ?? "")).join(",")).toBe("Fan,Leaf1,Grand,Leaf10,Leaf11,Leaf2,Leaf3,Leaf4,Leaf5,Leaf6,Leaf7,Leaf8,Leaf9");
});

it("assigns a wallet's message when it is posted, and a process evaluates that earlier slot before a relayed message assigned later", async () => {
  const seen: Envelope[] = [];
  const net = new Network({ order: "depth-first" });
  net.add("P", scripted(seen, (m) => (m.tags.Action === "Go" ? [{ target: "Q", tags: { Action: "Relayed" }, data: "" }] : [])));
  net.add("Q", scripted(seen));
  net.post("wallet", "P", { Action: "Go" });
  net.post("wallet", "Q", { Action: "Direct" });
  await net.runUntilQuiet();
  expect(seen.filter((m) => m.target === "Q").map((m) => [m.tags.Action, m.slot])).toEqual([["Direct", 1], ["Relayed", 2]]);
});
