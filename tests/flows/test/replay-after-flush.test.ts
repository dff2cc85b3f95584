/**
 * Issue 12, class 2, and issue 24: replays after the message-id memory. Anyone can fill a process's bounded memory of
 * message ids with junk; an old message delivered again afterwards must not act again. As on AO, the test network
 * stamps a message when it assigns it (a replay arrives with a new, later timestamp) and a node can push a process's
 * old outbox again under new ids (`Network.repush`): value-moving steps are keyed by permanent records, and each
 * value-moving input by what survives delivery (a wallet's signed id; a process's From and aos Reference), kept for good.
 */
import { describe, expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { mintTim3, redeemTim3, shrinkBoundedMemories, type Delivered, type Envelope } from "@tim3/testing";
import { adminSend, expectBackedAndConserved, flushSeenIds, tim3Of, usdaOf, world, type World } from "./support";

/**
 * The worlds whose memories junk flushes keep every bounded memory at this many entries (more than any flow here
 * sends), so a flush takes 33 junk messages rather than the 2,001 the real message-id memory (SEEN_CAPACITY) needs:
 * what a process forgets, and how it must behave after, is the same; `flushSeenIds` checks that it really forgot.
 */
const MEMORY_CAPACITY = 32;

function flushableWorld(holderCount: number): Promise<World> {
  return world(holderCount, 1_000_000n, undefined, undefined, MEMORY_CAPACITY);
}

function sentTo(log: Delivered[], target: string, action: string): Envelope {
  const e = log.map((d) => d.envelope).find((x) => x.target === target && x.tags[Tags.Action] === action);
  if (e === undefined) throw new Error(`no ${action} to ${target} in the log`);
  return e;
}

describe("forgetting never means acting twice", () => {
  it("a USDA Credit-Notice delivered again after junk flushed the Lock Manager's memory is not refunded", async () => {
    const w = await flushableWorld(1);
    const [alice] = w.holders;
    const log = await mintTim3(w.sys, alice, "100", "m1");
    const notice = sentTo(log, w.sys.lockManager.pid, Actions.CreditNotice);
    await flushSeenIds(w.sys, w.sys.lockManager.pid);
    await w.sys.network.sendEnvelope(notice);
    expect(await tim3Of(w.sys, alice)).toBe(100n);
    expect(await usdaOf(w.sys, alice)).toBe(1_000_000n - 100n);
    await expectBackedAndConserved(w);
  }, 120_000);

  it("a Deposit-Received delivered again after a flush does not refund the deposit behind a completed mint", async () => {
    const w = await flushableWorld(1);
    const [alice] = w.holders;
    const log = await mintTim3(w.sys, alice, "100", "m1");
    const deposit = sentTo(log, w.sys.coordinator.pid, Actions.DepositReceived);
    await flushSeenIds(w.sys, w.sys.coordinator.pid);
    await w.sys.network.sendEnvelope(deposit);
    expect(await usdaOf(w.sys, alice)).toBe(1_000_000n - 100n);
    await expectBackedAndConserved(w);
  }, 120_000);

  it("a Release delivered again after every Lock Manager memory was flushed pays once", async () => {
    const w = await flushableWorld(1);
    const [alice] = w.holders;
    await shrinkBoundedMemories(w.sys.lockManager, "LockManager", 1, ["core.seen.ring", "core.audit"]);
    await mintTim3(w.sys, alice, "100", "m1");
    const log = await redeemTim3(w.sys, alice, "10", "r1");
    const release = sentTo(log, w.sys.lockManager.pid, Actions.Release);
    await redeemTim3(w.sys, alice, "5", "r2");
    await flushSeenIds(w.sys, w.sys.lockManager.pid);
    await w.sys.network.sendEnvelope(release);
    expect(await usdaOf(w.sys, alice)).toBe(1_000_000n - 100n + 15n);
    await expectBackedAndConserved(w);
  }, 120_000);

  it("an admin's old Resume delivered again after a flush does not re-open a paused circuit", async () => {
    const w = await flushableWorld(1);
    const sm = w.sys.stateManager.pid;
    await adminSend(w, sm, { [Tags.Action]: Actions.Pause, [Tags.Scope]: "Mint" });
    const log = await w.sys.network.send(w.sys.admin, sm, { [Tags.Action]: Actions.Resume, [Tags.Scope]: "Mint" });
    const resume = log[0].envelope;
    await adminSend(w, sm, { [Tags.Action]: Actions.Pause, [Tags.Scope]: "Mint", [Tags.Reason]: "incident" });
    await flushSeenIds(w.sys, sm);
    await w.sys.network.sendEnvelope(resume);
    expect(await w.sys.stateManager.read<boolean>("StateManager.breaker.mintPaused")).toBe(true);
    expect(await w.sys.coordinator.read<boolean>("Coordinator.circuit.mintPaused")).toBe(true);
  }, 120_000);

  it("a holder's old TIM3 Transfer delivered again (stamped anew) after a flush does not pay again", async () => {
    const w = await flushableWorld(2);
    const [alice, bob] = w.holders;
    await mintTim3(w.sys, alice, "100", "m1");
    const log = await w.sys.network.send(alice, w.sys.tokenManager.pid, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "30",
    });
    await flushSeenIds(w.sys, w.sys.tokenManager.pid);
    const replay = await w.sys.network.sendEnvelope(log[0].envelope);
    expect(replay[0].envelope.timestamp).toBeGreaterThan(log[0].envelope.timestamp);
    expect(await tim3Of(w.sys, bob)).toBe(30n);
    expect(await tim3Of(w.sys, alice)).toBe(70n);
    await expectBackedAndConserved(w, { [alice]: -30n, [bob]: 30n });
  }, 120_000);
});

it("a holder's refused Transfer delivered again once the balance suffices is still refused", async () => {
  const w = await flushableWorld(2);
  const [alice, bob] = w.holders;
  await mintTim3(w.sys, alice, "100", "m1");
  const log = await w.sys.network.send(alice, w.sys.tokenManager.pid, {
    [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "150",
  });
  expect(log.some((d) => d.envelope.target === alice && d.envelope.tags[Tags.Action] === Actions.TransferError)).toBe(true);
  await mintTim3(w.sys, alice, "100", "m2");
  await flushSeenIds(w.sys, w.sys.tokenManager.pid);
  await w.sys.network.sendEnvelope(log[0].envelope);
  expect(await tim3Of(w.sys, bob)).toBe(0n);
  expect(await tim3Of(w.sys, alice)).toBe(200n);
  await expectBackedAndConserved(w);
}, 120_000);

describe("an outbox pushed again under new ids counts once", () => {
  /** The evaluation at `from` whose outbox sent `action` to `target`. */
  function evaluationThatSent(log: Delivered[], from: string, target: string, action: string): Delivered {
    const d = log.find((x) => x.envelope.target === from && x.outbox.some((o) => o.target === target && o.tags[Tags.Action] === action));
    if (d === undefined) throw new Error(`no evaluation at ${from} sent ${action} to ${target}`);
    return d;
  }

  it("USDA's Credit-Notice for a deposit, pushed again, mints once", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    const log = await mintTim3(w.sys, alice, "100", "m1");
    const lm = w.sys.lockManager.pid;
    const usdaTransfer = evaluationThatSent(log, w.sys.usda.pid, lm, Actions.CreditNotice);
    const [copy] = w.sys.network.repush(usdaTransfer, (o) => o.target === lm);
    expect(copy.tags.Reference).toBeDefined();
    await w.sys.network.runUntilQuiet();
    expect(await tim3Of(w.sys, alice)).toBe(100n);
    await expectBackedAndConserved(w);
  }, 120_000);

  it("the Token Manager's Credit-Notice for a redeem, pushed again while another redeem's TIM3 waits, returns nothing", async () => {
    const w = await world(2);
    const [alice, bob] = w.holders;
    await mintTim3(w.sys, alice, "100", "m1");
    await mintTim3(w.sys, bob, "100", "m2");
    const co = w.sys.coordinator.pid;
    const tm = w.sys.tokenManager.pid;
    const log = await redeemTim3(w.sys, alice, "40", "r1");
    const tmTransfer = evaluationThatSent(log, tm, co, Actions.CreditNotice);
    // Bob's redeem: its TIM3 sits at the Coordinator until its burn lands.
    w.sys.network.hold((e) => e.target === tm && e.tags[Tags.Action] === Actions.BurnTim3);
    await redeemTim3(w.sys, bob, "100", "r2");
    w.sys.network.repush(tmTransfer, (o) => o.target === co);
    await w.sys.network.runUntilQuiet();
    w.sys.network.release();
    await w.sys.network.runUntilQuiet();
    expect(await tim3Of(w.sys, alice)).toBe(60n);
    expect(await usdaOf(w.sys, alice)).toBe(1_000_000n - 100n + 40n);
    await expectBackedAndConserved(w);
  }, 120_000);
});
