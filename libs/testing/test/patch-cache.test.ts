/**
 * How aos 2.0.x serialises `Send({ device = "patch@1.0", cache = ... })` into a result, checked in the real module:
 * the patch is kept in the process's cache (readCache) and is never delivered as a message.
 */
import { expect, it } from "vitest";
import { BlueprintKeys, blueprintBalancePath } from "@tim3/protocol";
import { AosProcess, blueprintUsdaLua, newId } from "../src/index";

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

it("keeps top-level patches as HyperBEAM does: the blueprint's `balances` trie holds exact (case-sensitive) addresses", async () => {
  const owner = newId();
  const p = await AosProcess.spawn({ owner });
  await p.eval(blueprintUsdaLua());
  // The blueprint's initial sync: balances is a trie (empty), token-info published.
  expect(p.readState([BlueprintKeys.Balances])).toEqual({ device: "trie@1.0" });
  expect(p.readState([BlueprintKeys.TokenInfo])).toMatchObject({ ticker: "USDA", denomination: "12", supply: "0" });
  const holder = "Ab" + newId().slice(2);
  const other = newId();
  const send = (from: string, tags: Record<string, string>) =>
    p.handle({ id: newId(), target: p.pid, from, owner: from, tags, data: "", timestamp: Date.now(), depth: 0 });
  await send(owner, { Action: "Mint", Recipient: holder, Quantity: "1000" });
  await send(holder, { Action: "Transfer", Recipient: other, Quantity: "250" });
  expect(p.readState(blueprintBalancePath(holder))).toBe("750");
  expect(p.readState(blueprintBalancePath(other))).toBe("250");
  expect(p.readState(blueprintBalancePath(holder.toLowerCase()))).toBeUndefined();
  expect(p.readState(blueprintBalancePath("device"))).toBeUndefined();
  expect(p.readState([BlueprintKeys.TokenInfo, "supply"])).toBe("1000");
  // Re-loading the code does not reset the trie (the initial sync runs once).
  await p.eval(blueprintUsdaLua());
  expect(p.readState(blueprintBalancePath(holder))).toBe("750");
  // cache/… is the same state read by path.
  await p.eval(`Send({ device = "patch@1.0", cache = { k = { v = "1" } } })`);
  expect(p.readState(["cache", "k", "v"])).toBe("1");
});

it("reads and patches state keys as own keys: JavaScript built-in names are nothing, and __proto__ is a plain key", async () => {
  const p = await AosProcess.spawn({ owner: newId() });
  await p.eval(`Send({ device = "patch@1.0", cache = { totals = { a = "1" } }, balances = { device = "trie@1.0" } })`);
  for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    expect(p.readCache(key), key).toBeUndefined();
    expect(p.readState([key]), key).toBeUndefined();
    expect(p.readState(["cache", "totals", key]), key).toBeUndefined();
    expect(p.readState(["balances", key]), key).toBeUndefined();
  }
  // A token Recipient named __proto__ is a trie key like any other, not the trie's prototype.
  await p.eval(`Send({ device = "patch@1.0", balances = { __proto__ = "5", other = "2" } })`);
  expect(p.readState(["balances", "__proto__"])).toBe("5");
  expect(p.readState(["balances", "other"])).toBe("2");
  expect(Object.getPrototypeOf(p.readState(["balances"]))).toBe(Object.prototype);
});
