/**
 * `/now/` reads while messages are being assigned, on the node in this process (no HTTP: the race is in the node).
 * HyperBEAM's `/now/<key>` computes the process up to its latest assigned slot (dev_process `now/3`), so a read of a
 * key the process has exposed never answers 404 or an older value than a read before it. The devnet's lmdb writes
 * are visible to readers a moment after the transaction's callback ran, so a read that trusted the in-memory slot
 * counter could look for a slot not yet visible and answer 404 (as twice seen in the SDK's tests in CI).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AOS_MODULE_ID, newId } from "@tim3/local-ao";
import { DevnetNode } from "../src/node/node";
import type { SignedItem } from "../src/node/data-item";

const dataDir = mkdtempSync(join(tmpdir(), "tim3-devnet-reads-"));
const address = newId();
const owner = newId();
let node: DevnetNode;
let pid: string;

/** A verified item as the HTTP layer hands it to the node (the signature was checked there). */
function item(tags: Record<string, string>, data = "", target = ""): SignedItem {
  return { id: newId(), owner, target, anchor: "", tags: Object.entries(tags).map(([name, value]) => ({ name, value })), data } as SignedItem;
}

beforeAll(async () => {
  node = await DevnetNode.open({ dataDir, address });
  pid = await node.spawn(item({ Type: "Process", "Data-Protocol": "ao", Variant: "ao.N.1", Module: AOS_MODULE_ID, Authority: address, Scheduler: address }));
  // Every Count message raises a counter and exposes it.
  await node.push(pid, item({ Action: "Eval" }, `Count = 0
Handlers.add("count", "Count", function(m) Count = Count + 1; Send({ device = "patch@1.0", cache = { count = tostring(Count) } }) end)
Send({ device = "patch@1.0", cache = { count = "0" } })`, pid));
});

afterAll(async () => {
  await node?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("never answers a /now/ read of an exposed key with 404 or an older value while messages are being assigned", async () => {
  const seen: (number | undefined)[][] = [[], [], [], []];
  let pushing = true;
  // Four readers in tight loops, as several clients polling a balance.
  const readers = seen.map(async (mine) => {
    while (pushing) {
      const read = await node.readEncoded(pid, ["cache", "count"], true, true).catch((e: unknown) => {
        if (e instanceof Error && (e as { status?: number }).status === 404) return undefined;
        throw e;
      });
      mine.push(read === undefined ? undefined : Number(JSON.parse(read.body.toString())));
      await new Promise((r) => setImmediate(r));
    }
  });
  const pushes: Promise<unknown>[] = [];
  // One message at a time, each assigned while the readers poll a process that has evaluated everything before it.
  for (let i = 0; i < 300; i++) {
    pushes.push(node.push(pid, item({ Action: "Count", "push-mode": "async" }, "", pid)));
    await node.settle();
  }
  await Promise.all(pushes);
  await node.settle();
  pushing = false;
  await Promise.all(readers);
  const all = seen.flat();
  expect(all.length).toBeGreaterThan(0);
  expect(all.filter((v) => v === undefined).length, `reads answered 404 (of ${all.length})`).toBe(0);
  for (const mine of seen) for (let i = 1; i < mine.length; i++) expect(mine[i] as number).toBeGreaterThanOrEqual(mine[i - 1] as number);
  expect((await node.readState(pid, ["cache", "count"], true)) as string).toBe("300");
});

it("answers a /now/ read made while lmdb does not yet show the slot just assigned with the value after it, not 404", async () => {
  // What lmdb does for a moment after every assigning transaction's callback (measured: the slot counter has moved,
  // the log entry is not readable yet), made certain: the store hides the new slot's entry from its first reader.
  const store = node.store;
  const before = Number(JSON.parse(String(await node.readState(pid, ["cache", "count"], true))));
  const slot = store.nextSlot(pid);
  const entry = store.entry.bind(store);
  let hidden = false;
  store.entry = (p: string, s: number) => {
    if (p === pid && s === slot && !hidden) {
      hidden = true;
      return undefined;
    }
    return entry(p, s);
  };
  try {
    const pushed = node.push(pid, item({ Action: "Count", "push-mode": "async" }, "", pid));
    while (store.nextSlot(pid) === slot) await new Promise((r) => setImmediate(r));
    const read = await node.readEncoded(pid, ["cache", "count"], true, true).catch((e: unknown) => e);
    await pushed;
    expect(hidden).toBe(true);
    expect(read).not.toBeInstanceOf(Error);
    expect(JSON.parse((read as { body: Buffer }).body.toString())).toBe(String(before + 1));
  } finally {
    store.entry = entry;
  }
});
