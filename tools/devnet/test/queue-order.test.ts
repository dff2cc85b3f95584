/**
 * The devnet's lmdb queue and the test network's in-memory queue deliver in the same order: @tim3/local-ao's
 * `compareQueuePaths` (MemoryLog) sorts queue paths as lmdb orders their keys.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { compareQueuePaths, type QueuePath } from "@tim3/local-ao";
import { NodeStore } from "../src/node/store";

it("orders queue paths as lmdb orders the keys: numbers before strings, numbers by value, strings by bytes, prefixes first", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tim3-queue-order-"));
  const store = new NodeStore(join(dir, "node.lmdb"));
  try {
    const paths: QueuePath[] = [
      [6], [5, "2"], [5, "10"], [5, "1", "1"], [5, "1"], [5], [5, "1+"], [-3], [-1], [0], [12], [5, "1", "10"], [5, "1", "2"], [5, "11"], [5, "é"], [5, "z"], [7, "1", "1", "1"],
    ];
    await store.db.transaction(() => {
      for (const p of paths) store.db.put(["queue", ...p], { pid: "p" });
    });
    const lmdb = [...store.db.getKeys({ start: ["queue", -Number.MAX_SAFE_INTEGER], end: ["queue", Number.MAX_SAFE_INTEGER] })].map((k) => (k as (string | number)[]).slice(1));
    expect(lmdb).toEqual([...paths].sort(compareQueuePaths));
    expect(lmdb.slice(3, 8)).toEqual([[5], [5, "1"], [5, "1", "1"], [5, "1", "10"], [5, "1", "2"]]);
    // The store's own reads agree: the first queued entry, and the n-th.
    expect(store.firstQueued()?.path).toEqual([-3]);
    expect(store.queuedAt(4)?.path).toEqual([5, "1"]);
    expect(store.queueLength()).toBe(paths.length);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
