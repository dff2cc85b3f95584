/**
 * The node's relay signer hook (`NodeOptions.signRelay`, @tim3/local-ao `LocalAoOptions.signRelay`): each relayed
 * message's id is the one the signer answers, awaited before the evaluation that sent it is committed, so the push
 * reply, the target's log and its slot lookup all name the signed id.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { AOS_MODULE_ID, newId, type Envelope } from "@tim3/local-ao";
import { DevnetNode } from "../src/node/node";
import type { SignedItem } from "../src/node/data-item";

const address = newId();
const owner = newId();
const item = (tags: Record<string, string>, data = "", target = ""): SignedItem =>
  ({ id: newId(), owner, target, anchor: "", tags: Object.entries(tags).map(([name, value]) => ({ name, value })), data }) as SignedItem;

it("names each relayed message by the id its signer answers", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "tim3-devnet-sign-"));
  const signed: { id: string; relayed: Envelope }[] = [];
  const node = await DevnetNode.open({
    dataDir, address,
    signRelay: async (relayed) => {
      await new Promise((r) => setTimeout(r, 5));
      const id = newId();
      signed.push({ id, relayed: { ...relayed } });
      return id;
    },
  });
  try {
    const pid = await node.spawn(item({ Type: "Process", Module: AOS_MODULE_ID, Authority: address, Scheduler: address }));
    await node.push(pid, item({ Action: "Eval" }, `Handlers.add("Ping", "Ping", function() Send({ Target = ao.id, Action = "Pong" }) end)
Handlers.add("Pong", "Pong", function() Pongs = (Pongs or 0) + 1 end)`, pid));
    const reply = await node.push(pid, item({ Action: "Ping" }, "", pid));
    expect(signed).toHaveLength(1);
    expect(signed[0].relayed).toMatchObject({ target: pid, from: pid, owner: address, tags: { Action: "Pong", "From-Process": pid } });
    const pushed = reply["1"] as { id: string; slot: number };
    expect(pushed.id).toBe(signed[0].id);
    expect(node.store.slotOf(pid, signed[0].id)).toBe(pushed.slot);
    expect(node.store.entry(pid, pushed.slot)?.id).toBe(signed[0].id);
  } finally {
    await node.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
