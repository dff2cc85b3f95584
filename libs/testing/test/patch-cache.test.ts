/**
 * How aos 2.0.x serialises `Send({ device = "patch@1.0", cache = ... })` into a result, checked in the real module:
 * the patch is kept in the process's cache (readCache) and is never delivered as a message.
 */
import { expect, it } from "vitest";
import { AosProcess, newId } from "../src/index";

it("keeps patch@1.0 cache entries (nested tables as JSON) and delivers nothing", async () => {
  const p = await AosProcess.spawn({ owner: newId() });
  await p.eval(`Send({ device = "patch@1.0", cache = { ["balance-ab"] = { balance = "5" }, info = { n = 3, list = { "x", "y" } } } })`);
  expect(p.readCache("balance-ab")).toEqual({ balance: "5" });
  expect(p.readCache("info")).toEqual({ n: 3, list: ["x", "y"] });
  // A later patch replaces only the keys it names.
  await p.eval(`Send({ device = "patch@1.0", cache = { ["balance-ab"] = { balance = "7" } } })`);
  expect(p.readCache("balance-ab")).toEqual({ balance: "7" });
  expect(p.readCache("info")).toEqual({ n: 3, list: ["x", "y"] });
  expect(p.readCache("missing")).toBeUndefined();
  expect(p.patches.count).toBe(2);
});

it("a dry-run's patches are not kept, and a patch is not part of the outbox", async () => {
  const p = await AosProcess.spawn({ owner: newId() });
  await p.eval(`Handlers.add("Expose", function (m) return m.Action == "Expose" end, function (m)
    Send({ device = "patch@1.0", cache = { seen = { by = m.From } } })
    Send({ Target = m.From, Action = "Exposed" })
  end)`);
  const who = newId();
  const dry = await p.dryrun({ id: newId(), target: p.pid, from: who, owner: who, tags: { Action: "Expose" }, data: "", timestamp: Date.now(), depth: 0 });
  expect(dry.map((o) => o.tags.Action)).toEqual(["Exposed"]);
  expect(p.readCache("seen")).toBeUndefined();
  const out = await p.handle({ id: newId(), target: p.pid, from: who, owner: who, tags: { Action: "Expose" }, data: "", timestamp: Date.now(), depth: 0 });
  expect(out.map((o) => o.tags.Action)).toEqual(["Exposed"]);
  expect(p.readCache("seen")).toEqual({ by: who });
});
