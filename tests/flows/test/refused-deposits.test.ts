/**
 * A refused deposit costs its sender a round trip (the USDA comes back), so it may keep for good only what
 * exactly-once needs (issue 24): once USDA's Debit-Notice confirms the refund, the Lock Manager keeps its
 * Credit-Notice's identity (USDA + its aos Reference, one bit) and moves the full record to the bounded `returns`
 * ring. The attack on that: flush every bounded memory, then deliver the old Credit-Notice again, under its own id
 * and pushed again by a node under a new one: nothing is refunded twice.
 */
import { describe, expect, it } from "vitest";
import { Actions, Scopes, Tags } from "@tim3/protocol";
import { deployTim3, fundUsda, mintTim3, newId, type AosProcess, type Delivered } from "@tim3/testing";
import { expectBackedAndConserved, usdaOf, type World } from "./support";

/** Every bounded memory (message ids, the returns ring, audit) shrunk to this, so a few messages flush them. */
const RING = 5;

async function heapBytes(p: AosProcess): Promise<number> {
  return 1024 * Number(await p.eval(`collectgarbage("collect"); collectgarbage("collect"); print(string.format("%.3f", collectgarbage("count")))`));
}

async function pausedWorld(): Promise<World & { mallory: string; bob: string }> {
  const sys = await deployTim3({ memoryCapacity: RING });
  const [mallory, bob] = [newId(), newId()];
  for (const h of [mallory, bob]) await fundUsda(sys, h, "1000000");
  // Bob's deposit is what a second refund would be paid from.
  await mintTim3(sys, bob, "5000", "b1");
  await sys.network.send(sys.admin, sys.stateManager.pid, { [Tags.Action]: Actions.Pause, [Tags.Scope]: Scopes.Mint });
  return { sys, holders: [mallory, bob], funded: { [mallory]: 1_000_000n, [bob]: 1_000_000n }, mallory, bob };
}

function refusedMint(w: World, holder: string, requestId: string): Promise<Delivered[]> {
  return w.sys.network.send(holder, w.sys.usda.pid, {
    [Tags.Action]: Actions.Transfer, [Tags.Recipient]: w.sys.lockManager.pid, [Tags.Quantity]: "700", [Tags.XAction]: Actions.Mint,
    [Tags.XRequestId]: requestId,
  });
}

describe("a refused deposit, once its refund is confirmed", () => {
  it("keeps no record at the Lock Manager but its Credit-Notice's identity", async () => {
    const w = await pausedWorld();
    const lm = w.sys.lockManager;
    const refusals = 200;
    // Warm-up: the bounded memories fill first, so what is measured is what is kept for good.
    for (let i = 0; i < 3 * RING; i++) await refusedMint(w, w.mallory, "warm-" + i);
    const before = await heapBytes(lm);
    for (let i = 0; i < refusals; i++) w.sys.network.post(w.mallory, w.sys.usda.pid, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: lm.pid, [Tags.Quantity]: "700", [Tags.XAction]: Actions.Mint,
      [Tags.XRequestId]: "r".repeat(100) + i,
    });
    await w.sys.network.runUntilQuiet(100_000);
    const perRefusal = ((await heapBytes(lm)) - before) / refusals;
    expect(await usdaOf(w.sys, w.mallory)).toBe(1_000_000n);
    // A bit or a word each (and the tables' growth); the full record it kept before (holder, quantity, a 100-character
    // request id, status) measured 766 bytes per refused deposit.
    expect(perRefusal, "Lock Manager bytes per refused deposit").toBeLessThanOrEqual(100);
    const deposits = await lm.read<Record<string, { status: string }>>("LockManager.deposits");
    expect(Object.values(deposits ?? {}).map((d) => d.status)).toEqual(["minted"]);
    await expectBackedAndConserved(w);
  }, 180_000);

  it("is not refunded again when its old Credit-Notice arrives after every memory was flushed", async () => {
    const w = await pausedWorld();
    const lm = w.sys.lockManager.pid;
    const log = await refusedMint(w, w.mallory, "m1");
    expect(await usdaOf(w.sys, w.mallory)).toBe(1_000_000n);
    const usdaTransfer = log.find((d) => d.envelope.target === w.sys.usda.pid && d.outbox.some((o) => o.target === lm && o.tags[Tags.Action] === Actions.CreditNotice));
    const notice = log.map((d) => d.envelope).find((e) => e.target === lm && e.tags[Tags.Action] === Actions.CreditNotice);
    if (usdaTransfer === undefined || notice === undefined) throw new Error("no Credit-Notice to the Lock Manager in the log");
    // Flush: refused deposits and returns push it out of the returns ring, junk out of the memory of message ids.
    for (let i = 0; i < 2 * RING; i++) await refusedMint(w, w.mallory, "flush-" + i);
    for (let i = 0; i < 2 * RING; i++) await w.sys.network.send(newId(), lm, { [Tags.Action]: "Junk" });
    // The old notice again: under its own id (stamped anew), and pushed again by a node under a new id.
    await w.sys.network.sendEnvelope(notice);
    const [copy] = w.sys.network.repush(usdaTransfer, (o) => o.target === lm);
    expect(copy.tags.Reference).toBeDefined();
    await w.sys.network.runUntilQuiet();
    expect(await usdaOf(w.sys, w.mallory)).toBe(1_000_000n);
    await expectBackedAndConserved(w);
  }, 180_000);
});
