/**
 * A process evaluates its messages in slot order, as a HyperBEAM process computes its schedule, so a restart that
 * replays its log (no checkpoint: a crash) rebuilds the same state. The node in this process; a Fan sends eleven
 * Leafs to its own process and Leaf 1 sends a Grand: pushed depth-first in key order they arrive L1, G, L10, L11, L2,
 * …; the node once gave all eleven Leafs their slots when the Fan was evaluated and the Grand a later one, so a
 * replay in slot order put G last.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { AOS_MODULE_ID, newId } from "@tim3/local-ao";
import { DevnetNode } from "../src/node/node";
import type { SignedItem } from "../src/node/data-item";

const address = newId();
const owner = newId();
const item = (tags: Record<string, string>, data = "", target = ""): SignedItem =>
  ({ id: newId(), owner, target, anchor: "", tags: Object.entries(tags).map(([name, value]) => ({ name, value })), data }) as SignedItem;

it("evaluates a process's messages in slot order, so a restart that replays the log rebuilds the same state", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "tim3-devnet-order-"));
  try {
    const node = await DevnetNode.open({ dataDir, address });
    const pid = await node.spawn(item({ Type: "Process", Module: AOS_MODULE_ID, Authority: address, Scheduler: address }));
    await node.push(pid, item({ Action: "Eval" }, `Order = Order or {}
local function note(x) table.insert(Order, x); Send({ device = "patch@1.0", cache = { order = table.concat(Order, ",") } }) end
Handlers.add("Fan", "Fan", function() for i = 1, 11 do Send({ Target = ao.id, Action = "Leaf", N = tostring(i) }) end end)
Handlers.add("Leaf", "Leaf", function(msg) note("L" .. msg.N); if msg.N == "1" then Send({ Target = ao.id, Action = "Grand" }) end end)
Handlers.add("Grand", "Grand", function() note("G") end)`, pid));
    await node.push(pid, item({ Action: "Fan" }, "", pid));
    const before = await node.readState(pid, ["cache", "order"], true);
    expect(before).toBe("L1,G,L10,L11,L2,L3,L4,L5,L6,L7,L8,L9");
    // A crash: the log is closed without the clean stop's checkpoint, so the next open replays every slot.
    await node.settle();
    await node.store.close();
    const again = await DevnetNode.open({ dataDir, address });
    try {
      expect(await again.readState(pid, ["cache", "order"], true)).toBe(before);
    } finally {
      await again.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
