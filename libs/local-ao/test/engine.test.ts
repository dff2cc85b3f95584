/**
 * The delivery engine (src/node/local-ao.ts) over the in-memory log, with scripted processes instead of the aos
 * module (fast). Each test names the HyperBEAM behaviour it checks (libs/local-ao/README.md's conformance table).
 */
import { describe, expect, it } from "vitest";
import {
  DeliveryRefused, LocalAo, MemoryLog, checkSpawn, compareQueuePaths, newId, outboxOf, resultOf,
  type AoOutMessage, type Envelope, type Evaluated, type LocalAoOptions, type OutboxMessage, type QueuePath,
} from "../src/index";

type Script = (msg: Envelope) => { target: string; tags: Record<string, string> }[];

const NODE = "node-address";

/** An engine whose processes run `scripts` (a process sends what its script returns); `seen` records each evaluation. */
function engine(scripts: Record<string, Script>, options: Partial<LocalAoOptions> = {}) {
  let clock = 1_000;
  const seen: { pid: string; slot: number; action: string; id: string; timestamp: number }[] = [];
  const log = new MemoryLog(() => clock);
  const ao = new LocalAo({
    log,
    hosts: (pid) => pid in scripts,
    relayer: () => NODE,
    clock: () => ++clock,
    evaluate: async (pid, msg) => {
      seen.push({ pid, slot: msg.slot as number, action: msg.tags.Action + (msg.tags.N ?? ""), id: msg.id, timestamp: msg.timestamp });
      const outbox: OutboxMessage[] = scripts[pid](msg).map((m, i) => ({ key: String(i + 1), target: m.target, tags: m.tags, data: "", reference: String(i + 1) }));
      return { result: resultOf(outbox), outbox };
    },
    ...options,
  });
  const push = (pid: string, action: string, extra: Record<string, string> = {}) =>
    ao.push(pid, { id: newId(), from: "wallet", owner: "wallet", tags: { Action: action, ...extra }, data: "", timestamp: clock });
  return { ao, log, seen, push, tick: (ms: number) => (clock += ms) };
}

/** P fans out eleven Leafs to itself; Leaf 1 sends a Grand. */
const fan: Script = (msg) => {
  if (msg.tags.Action === "Fan") return Array.from({ length: 11 }, (_, i) => ({ target: "P", tags: { Action: "Leaf", N: String(i + 1) } }));
  if (msg.tags.Action === "Leaf" && msg.tags.N === "1") return [{ target: "P", tags: { Action: "Grand" } }];
  return [];
};

describe("queue key order", () => {
  it("orders paths as lmdb keys: numbers before strings, strings by bytes, a prefix first", () => {
    const paths: QueuePath[] = [[6], [5, "2"], [5, "10"], [5, "1", "1"], [5, "1"], [5], [-1], [5, "1+"], ["a"]];
    expect([...paths].sort(compareQueuePaths)).toEqual([[-1], [5], [5, "1"], [5, "1", "1"], [5, "1+"], [5, "10"], [5, "2"], [6], ["a"]]);
    expect(compareQueuePaths(["é"], ["z"])).toBeGreaterThan(0);
  });
});

describe("delivery (dev_push do_push/3)", () => {
  it("pushes depth-first, each outbox in its map's key order (1, 10, 11, 2, …), assigning each relayed message as it is delivered", async () => {
    const { ao, seen, push } = engine({ P: fan });
    await push("P", "Fan");
    await ao.runUntilQuiet();
    expect(seen.map((s) => s.action).join(",")).toBe("Fan,Leaf1,Grand,Leaf10,Leaf11,Leaf2,Leaf3,Leaf4,Leaf5,Leaf6,Leaf7,Leaf8,Leaf9");
    // Slots in delivery order: a relayed message is assigned when it is delivered.
    expect(seen.map((s) => s.slot)).toEqual(seen.map((_, i) => i + 1));
    for (let i = 1; i < seen.length; i++) expect(seen[i].timestamp).toBeGreaterThanOrEqual(seen[i - 1].timestamp);
  });

  it("delivers fifo (breadth-first) only when asked", async () => {
    const depth = engine({ P: fan });
    const fifo = engine({ P: fan }, { order: "fifo" });
    for (const e of [depth, fifo]) {
      await e.push("P", "Fan");
      await e.ao.runUntilQuiet();
    }
    expect(depth.seen.map((s) => s.action).indexOf("Grand")).toBe(2);
    expect(fifo.seen.map((s) => s.action).indexOf("Grand")).toBe(12);
  });

  it("evaluates a process's earlier pending slot (a wallet's push) before a relayed message assigned after it", async () => {
    const { ao, seen, push } = engine({ P: (m) => (m.tags.Action === "Go" ? [{ target: "Q", tags: { Action: "Relayed" } }] : []), Q: () => [] });
    await push("P", "Go");
    const q = await push("Q", "Direct");
    expect(q.slot).toBe(1);
    await ao.runUntilQuiet();
    expect(seen.filter((s) => s.pid === "Q").map((s) => [s.action, s.slot])).toEqual([["Direct", 1], ["Relayed", 2]]);
  });

  it("refuses a message already assigned to that process unless replays are allowed (dev_scheduler_server do_assign/3 does not dedupe)", async () => {
    const strict = engine({ P: () => [] });
    const entry = { id: newId(), from: "w", owner: "w", tags: { Action: "A" }, data: "", timestamp: 1 };
    await strict.ao.push("P", entry);
    await expect(strict.ao.push("P", entry)).rejects.toMatchObject({ status: 409 });
    const replays = engine({ P: () => [] }, { reassign: true });
    await replays.ao.push("P", entry);
    expect((await replays.ao.push("P", entry)).slot).toBe(2);
    await expect(replays.ao.push("nowhere", entry)).rejects.toBeInstanceOf(DeliveryRefused);
  });

  it("records a target it does not host as dev_push's 404 entry, emitted as delivered, and answers the sync push reply", async () => {
    const { ao, push } = engine({ P: (m) => (m.tags.Action === "Go" ? [{ target: "Q", tags: { Action: "Hi" } }, { target: "wallet", tags: { Action: "Notice" } }] : []), Q: () => [] });
    const delivered: Envelope[] = [];
    ao.events.on("delivered", (e: Envelope) => delivered.push(e));
    const { slot } = await push("P", "Go");
    await ao.runUntilQuiet();
    expect(delivered.map((e) => [e.target, e.tags.Action, e.from, e.owner])).toEqual([["wallet", "Notice", "P", NODE]]);
    const reply = ao.pushReply("P", slot, 1);
    expect(reply).toMatchObject({ slot: 1, process: "P", "2": { response: "error", status: 404, target: "wallet", reason: "Could not access target process!" } });
    expect(reply["1"]).toMatchObject({ target: "Q", slot: 1, "resulted-in": { slot: 1, process: "Q" } });
    expect((reply["1"] as { "resulted-in": object })["resulted-in"]).not.toHaveProperty("raw");
    expect(reply.raw).toMatchObject({ Messages: [{ Target: "Q" }, { Target: "wallet" }] });
  });

  it("pushes a slot's outbox again under new ids, same tags and Reference, as its own cascade (dev_push push/3 with a slot)", async () => {
    const { ao, seen, push } = engine({ P: (m) => (m.tags.Action === "Go" ? [{ target: "Q", tags: { Action: "Credit" } }] : []), Q: () => [] });
    const { slot } = await push("P", "Go");
    await ao.runUntilQuiet();
    const { copies, seq, pushed } = await ao.repush("P", slot);
    expect(ao.log.cascadeQueued(seq)).toBe(true);
    await ao.runUntilQuiet();
    const credits = seen.filter((s) => s.action === "Credit");
    expect(credits).toHaveLength(2);
    expect(credits[1].id).not.toBe(credits[0].id);
    expect(credits[1].id).toBe(copies[0].id);
    expect(copies[0].tags).toMatchObject({ Action: "Credit", "From-Process": "P", Reference: "1" });
    expect(credits[1].timestamp).toBeGreaterThan(credits[0].timestamp);
    expect(ao.repushReply("P", slot, pushed)).toMatchObject({ "1": { target: "Q", slot: 2 }, slot, process: "P" });
  });

  it("holds relayed messages and pushes them on release, assigned then", async () => {
    const { ao, seen, push } = engine({ P: (m) => (m.tags.Action === "Go" ? [{ target: "Q", tags: { Action: "Late" } }] : []), Q: () => [] });
    ao.hold((e) => e.tags.Action === "Late");
    await push("P", "Go");
    await ao.runUntilQuiet();
    expect(ao.held.map((e) => e.tags.Action)).toEqual(["Late"]);
    await push("Q", "Early");
    const released = await ao.release();
    await ao.runUntilQuiet();
    expect(released).toHaveLength(1);
    expect(seen.filter((s) => s.pid === "Q").map((s) => [s.action, s.slot])).toEqual([["Early", 1], ["Late", 2]]);
  });

  it("awaits the signRelay hook for each relayed id", async () => {
    let n = 0;
    const { ao, seen, push } = engine({ P: (m) => (m.tags.Action === "Go" ? [{ target: "Q", tags: { Action: "Signed" } }] : []), Q: () => [] }, {
      signRelay: async (r) => `signed-${++n}-${r.tags.Action}`,
    });
    await push("P", "Go");
    await ao.runUntilQuiet();
    expect(seen.find((s) => s.pid === "Q")?.id).toBe("signed-1-Signed");
  });

  it("injects faults: another entry first, an entry delayed, a relayed message queued twice", async () => {
    const fanOut: Script = (m) => (m.tags.Action === "Go" ? [1, 2, 3].map((i) => ({ target: "Q", tags: { Action: `M${i}` } })) : []);
    const dup = engine({ P: fanOut, Q: () => [] }, { faults: { duplicate: (r) => r.tags.Action === "M2" } });
    await dup.push("P", "Go");
    await dup.ao.runUntilQuiet();
    expect(dup.seen.filter((s) => s.pid === "Q").map((s) => s.action)).toEqual(["M1", "M2", "M2", "M3"]);
    const delay = engine({ P: fanOut, Q: () => [] }, { faults: { delay: (e) => e.tags.Action === "M1" && delayed++ === 0 } });
    let delayed = 0;
    await delay.push("P", "Go");
    await delay.ao.runUntilQuiet();
    expect(delay.seen.filter((s) => s.pid === "Q").map((s) => s.action)).toEqual(["M2", "M3", "M1"]);
    const pick = engine({ P: fanOut, Q: () => [] }, { faults: { pick: (n) => n - 1 } });
    await pick.push("P", "Go");
    await pick.ao.runUntilQuiet();
    expect(pick.seen.filter((s) => s.pid === "Q").map((s) => s.action)).toEqual(["M3", "M2", "M1"]);
  });

  it("records a failed evaluation as its slot's result when asked, and goes on with the rest", async () => {
    const { ao, log, seen, push } = engine({ P: (m) => { if (m.tags.Action === "Bad") throw new Error("boom"); return []; } }, { onEvaluationError: "record" });
    await push("P", "Bad");
    await push("P", "Good");
    await expect(ao.runUntilQuiet()).rejects.toThrow("boom");
    expect(log.result("P", 1)?.Error).toBe("boom");
    await ao.runUntilQuiet();
    expect(seen.map((s) => s.action)).toEqual(["Bad", "Good"]);
  });

  it("emits evaluated and waits for a push's cascade", async () => {
    const { ao, push } = engine({ P: fan });
    const events: Evaluated[] = [];
    ao.events.on("evaluated", (e: Evaluated) => events.push(e));
    const { seq } = await push("P", "Fan");
    const waiting = ao.waitForCascade(seq);
    await ao.runUntilQuiet();
    await waiting;
    expect(events).toHaveLength(13);
    expect(ao.log.cascadeQueued(seq)).toBe(false);
  });
});

describe("shapes", () => {
  it("answers a dry-run as a CU's result, keys kept (resultOf round-trips through outboxOf)", () => {
    const r = resultOf([{ key: "1", target: "T", tags: { Action: "A" }, data: "d", reference: "7" } as OutboxMessage, { key: "3", target: "U", tags: {}, data: "" } as OutboxMessage]);
    expect(r).toMatchObject({ Spawns: [], Assignments: [], Output: {} });
    expect(outboxOf(r as { Messages: AoOutMessage[] }).map((o) => [o.key, o.target, o.reference])).toEqual([["1", "T", "7"], ["3", "U", undefined]]);
  });

  it("refuses a spawn without Authority, with another Module or another Scheduler (stricter than dev_push)", () => {
    const ok = { Type: "Process", Authority: NODE, Module: "m" };
    expect(() => checkSpawn(ok, { scheduler: NODE, module: "m" })).not.toThrow();
    for (const bad of [{ ...ok, Authority: "" }, { ...ok, Module: "x" }, { ...ok, Scheduler: "other" }, { ...ok, Type: "Message" }]) {
      expect(() => checkSpawn(bad, { scheduler: NODE, module: "m" })).toThrow(DeliveryRefused);
    }
  });
});
