/**
 * Attack: an old USDA balance reading delivered again. Anyone may send Sync-Balance, and the Lock Manager records the
 * USDA Balance reply it gets (`held`) against its ledger at that moment (`heldLedger`); the State Manager trips Mint
 * on a gap (`balance`) and lifts it when a reading shows the money. A Balance reply moves no value, so only the
 * bounded memory of message identities (2,000, flushable with junk) stops a copy of it, and a node pushes an old
 * slot's outbox again on request (HyperBEAM `dev_push.erl`, `do_push`): an attacker who kept an old reading can have
 * it recorded as new, any time later.
 * - a reading from before deposits → a "deficit" of everything deposited since: Mint paused for every holder, again
 *   and again, for the price of the junk;
 * - a reading from before a real loss → the loss hidden: the `balance` trip lifted, Mint open over USDA that is gone.
 * USDA numbers every message it sends (aos `Reference`), so the Lock Manager can tell an older reading from a newer
 * one, and a reading from before a deposit it counted.
 */
import { describe, expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { deployTim3, fundUsda, mintTim3, newId, setUsdaBalance, type Delivered, type Tim3System } from "@tim3/testing";
import { flushWithJunk } from "./support";

/**
 * Every bounded memory shrunk to MEMORY at deployment (`deployTim3`'s memoryCapacity): a flush then takes MEMORY + 1
 * junk messages instead of 2,001, and forgets exactly what the real flush forgets.
 */
const MEMORY = 4;

async function deployed(): Promise<{ sys: Tim3System; alice: string; bob: string }> {
  const sys = await deployTim3({ memoryCapacity: MEMORY });
  const [alice, bob] = [newId(), newId()];
  for (const h of [alice, bob]) await fundUsda(sys, h, "1000000");
  return { sys, alice, bob };
}

/** The USDA evaluation that answered the Lock Manager's Balance request, in a flow's log. */
function balanceReading(sys: Tim3System, log: Delivered[]): Delivered {
  const d = log.find((x) => x.envelope.target === sys.usda.pid && x.outbox.some((o) => o.target === sys.lockManager.pid && o.tags[Tags.Balance] !== undefined));
  if (d === undefined) throw new Error("no Balance reply from USDA to the Lock Manager in the log");
  return d;
}

async function circuit(sys: Tim3System): Promise<{ mintPaused: boolean; tripped: boolean; reason: string }> {
  const [reply] = await sys.network.query(newId(), sys.stateManager.pid, { [Tags.Action]: Actions.GetReserves });
  return JSON.parse(reply.data).circuit;
}

/** The attacker flushes the Lock Manager's memory of message identities with junk. */
async function flush(sys: Tim3System): Promise<void> {
  await flushWithJunk(sys, sys.lockManager.pid, MEMORY + 1);
}

describe("an old USDA balance reading pushed again", () => {
  it("does not pause Mint for every holder (a reading from before the deposits)", async () => {
    const { sys, alice, bob } = await deployed();
    const attacker = newId();
    // The attacker keeps a reading while the Lock Manager holds nothing.
    const old = balanceReading(sys, await sys.network.send(attacker, sys.lockManager.pid, { [Tags.Action]: Actions.SyncBalance }));
    await mintTim3(sys, alice, "100", "a1");
    expect(await circuit(sys)).toMatchObject({ mintPaused: false });
    await flush(sys);
    const [copy] = sys.network.repush(old, (o) => o.target === sys.lockManager.pid);
    expect(copy.tags[Tags.Balance]).toBe("0");
    await sys.network.runUntilQuiet();
    expect(await circuit(sys)).toMatchObject({ mintPaused: false, tripped: false });
    // What a holder notices: Bob's mint goes through instead of being refunded.
    await mintTim3(sys, bob, "10", "b1");
    expect((await sys.tokenManager.read<{ balances: Record<string, string> }>("TokenManager.ledger")).balances[bob]).toBe("10");
  }, 120_000);

  it("does not hide USDA that really left the Lock Manager (a reading from before the loss)", async () => {
    const { sys, alice, bob } = await deployed();
    const attacker = newId();
    await mintTim3(sys, alice, "100", "a1");
    // A reading while all 100 are there.
    const old = balanceReading(sys, await sys.network.send(attacker, sys.lockManager.pid, { [Tags.Action]: Actions.SyncBalance }));
    // 60 USDA leave the Lock Manager outside TIM3; a reading shows it and trips Mint.
    await setUsdaBalance(sys, sys.lockManager.pid, "40");
    await sys.network.send(bob, sys.lockManager.pid, { [Tags.Action]: Actions.SyncBalance });
    expect(await circuit(sys)).toMatchObject({ mintPaused: true, tripped: true });
    await flush(sys);
    sys.network.repush(old, (o) => o.target === sys.lockManager.pid);
    await sys.network.runUntilQuiet();
    expect(await circuit(sys)).toMatchObject({ mintPaused: true, tripped: true });
    expect(await sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: true });
  }, 120_000);
});
