/**
 * The test network delivers as the devnet's node pushes (both are front ends of @tim3/local-ao): depth-first, each
 * outbox in its map's key order ("1", "10", "11", "2", …, dev_push `do_push/3`), slots consecutive per process and
 * timestamps stamped at assignment; a re-push relays the same outbox under new ids.
 */
import { expect, it } from "vitest";
import { AosProcess, Network, newId } from "../src/index";

it("delivers depth-first in the outbox's key order, as tools/devnet's push-order test sees the node do", async () => {
  const owner = newId();
  const p = await AosProcess.spawn({ owner });
  await p.eval(`Order = Order or {}
Handlers.add("Fan", "Fan", function() for i = 1, 11 do Send({ Target = ao.id, Action = "Leaf", N = tostring(i) }) end end)
Handlers.add("Leaf", "Leaf", function(msg) table.insert(Order, "L" .. msg.N); if msg.N == "1" then Send({ Target = ao.id, Action = "Grand" }) end end)
Handlers.add("Grand", "Grand", function() table.insert(Order, "G") end)`);
  const net = new Network({ order: "depth-first" });
  net.add(p.pid, p);
  const log = await net.send(owner, p.pid, { Action: "Fan" });
  expect(await p.read(`table.concat(Order, ",")`)).toBe("L1,G,L10,L11,L2,L3,L4,L5,L6,L7,L8,L9");
  // Slots as the scheduler gives them, one after another; timestamps never go back.
  expect(log.map((d) => d.envelope.slot)).toEqual(log.map((_, i) => i + 1));
  for (let i = 1; i < log.length; i++) expect(log[i].envelope.timestamp).toBeGreaterThanOrEqual(log[i - 1].envelope.timestamp);
  // The Fan's outbox pushed again: the same eleven Leafs, new ids, later stamps.
  const copies = net.repush(log[0]);
  const again = await net.runUntilQuiet();
  // In the order they are pushed: the outbox's key order.
  expect(copies.map((c) => c.tags.N)).toEqual(["1", "10", "11", "2", "3", "4", "5", "6", "7", "8", "9"]);
  expect(new Set(copies.map((c) => c.tags.N))).toEqual(new Set(log[0].outbox.map((o) => o.tags.N)));
  const firstIds = new Set(log.map((d) => d.envelope.id));
  expect(again.filter((d) => firstIds.has(d.envelope.id))).toEqual([]);
  expect(again[0].envelope.timestamp).toBeGreaterThan(log[log.length - 1].envelope.timestamp);
});
