/**
 * Monitoring that cannot be silenced: the State Manager judges staleness at read time (Get-Health and Get-Reserves
 * use the request's timestamp) and on the next message of any kind, a stale trip clears by itself when the stuck
 * operation finishes, and the gap between the Lock Manager's ledger and the USDA balance USDA reports is shown
 * (surplus) or flagged (deficit, which trips Mint until USDA reports the money there again).
 */
import { describe, expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { mintTim3, newId, redeemTim3, setUsdaBalance, type Tim3System } from "@tim3/testing";
import { world } from "./support";

async function health(sys: Tim3System) {
  const [reply] = await sys.network.query(newId(), sys.stateManager.pid, { [Tags.Action]: Actions.GetHealth });
  return { tags: reply.tags, data: JSON.parse(reply.data) };
}

async function reserves(sys: Tim3System) {
  const [reply] = await sys.network.query(newId(), sys.stateManager.pid, { [Tags.Action]: Actions.GetReserves });
  return { tags: reply.tags, data: JSON.parse(reply.data) };
}

const STALE = "Circuit breaker: operations pending for too long";

describe("staleness is judged at read time and on any message", () => {
  it("every reporter silent: Get-Health later shows stale and the tripped breaker; any message trips it for real; it clears when the operation finishes", async () => {
    const { sys, holders } = await world(2);
    const [alice, bob] = holders;
    // Alice's Mint-Tim3 is lost: her operation stays pending and no process reports anything any more.
    sys.network.hold((e) => e.tags[Tags.Action] === Actions.MintTim3);
    await mintTim3(sys, alice, "100", "stuck");
    sys.network.hold(() => false);
    const lost = sys.network.held;
    expect((await health(sys)).data.stale).toBe(false);
    sys.network.advance(600_001);

    const read = await health(sys);
    expect(read.data.stale).toBe(true);
    expect(read.tags[Tags.MintPaused]).toBe("true");
    expect(read.data.circuit).toMatchObject({ mintPaused: true, tripped: true, reason: STALE });
    expect(read.data.circuit.remedy).toMatch(/Settle-Operation/);
    expect((await reserves(sys)).data.circuit).toMatchObject({ mintPaused: true, tripped: true });
    // A read changes nothing; the next message of any kind (here a stranger's junk) trips the breaker for real.
    expect(await sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: false });
    await sys.network.send(newId(), sys.stateManager.pid, { [Tags.Action]: "Hello" });
    expect(await sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: true, reason: STALE });
    const refused = await mintTim3(sys, bob, "10", "bob-1");
    expect(refused.find((d) => d.envelope.target === bob && d.envelope.tags[Tags.XAction] === Actions.Refund)?.envelope.tags[Tags.XReason])
      .toBe("Minting is paused: " + STALE);

    // The lost message arrives: the operation completes, the cause is gone and the trip clears by itself.
    for (const e of lost) await sys.network.sendEnvelope(e);
    const after = await health(sys);
    expect(after.data.stale).toBe(false);
    expect(after.data.circuit).toMatchObject({ mintPaused: false, tripped: false, reason: "" });
    expect(await sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: false });
    const minted = await mintTim3(sys, bob, "10", "bob-2");
    expect(minted.find((d) => d.envelope.target === bob && d.envelope.tags[Tags.Action] === Actions.CreditNotice && d.envelope.from === sys.tokenManager.pid)).toBeDefined();
  });

  it("an admin's pause is the admin's: a stale trip clearing does not lift it", async () => {
    const { sys, holders } = await world(1);
    sys.network.hold((e) => e.tags[Tags.Action] === Actions.MintTim3);
    await mintTim3(sys, holders[0], "5", "stuck");
    sys.network.hold(() => false);
    const lost = sys.network.held;
    sys.network.advance(600_001);
    await sys.network.send(sys.admin, sys.stateManager.pid, { [Tags.Action]: Actions.Pause, [Tags.Scope]: "Mint", [Tags.Reason]: "audit" });
    for (const e of lost) await sys.network.sendEnvelope(e);
    expect((await health(sys)).data.circuit).toMatchObject({ mintPaused: true, tripped: false, reason: "audit" });
    expect(await sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: true, reason: "audit" });
  });
});

describe("the Lock Manager's ledger against the USDA balance USDA reports", () => {
  it("a surplus is shown as of the balance reading; a deficit is flagged, trips Mint, and clears when USDA reports the money back", async () => {
    const { sys, holders } = await world(2);
    const [alice, bob] = holders;
    await mintTim3(sys, alice, "100");
    await sys.network.send(bob, sys.usda.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: sys.lockManager.pid, [Tags.Quantity]: "30", [Tags.Cast]: "true" });
    await sys.network.send(bob, sys.lockManager.pid, { [Tags.Action]: Actions.SyncBalance });
    expect((await reserves(sys)).data).toMatchObject({ held: "130", heldLedger: "100", balanceSurplus: "30", balanceDeficit: "0", outsideSurplus: "30" });
    // A redeem after the reading moves ledger and balance together: the gap is still 30, not 70.
    await redeemTim3(sys, alice, "40");
    expect((await reserves(sys)).data).toMatchObject({ collateral: "60", balanceSurplus: "30", balanceDeficit: "0" });

    // USDA leaves the Lock Manager without its ledger knowing (as a replayed refund once did).
    await setUsdaBalance(sys, sys.lockManager.pid, "20");
    await sys.network.send(bob, sys.lockManager.pid, { [Tags.Action]: Actions.SyncBalance });
    const flagged = await reserves(sys);
    expect(flagged.data).toMatchObject({ held: "20", heldLedger: "60", balanceSurplus: "0", balanceDeficit: "40" });
    expect(flagged.data.components.backing).toBe(0);
    expect(flagged.data.circuit).toMatchObject({ mintPaused: true, tripped: true });
    expect(flagged.data.circuit.reason).toBe("Circuit breaker: USDA reports 40 less than the Lock Manager's ledger counts");
    expect(await sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: true });

    await setUsdaBalance(sys, sys.lockManager.pid, "90");
    await sys.network.send(bob, sys.lockManager.pid, { [Tags.Action]: Actions.SyncBalance });
    const cleared = await reserves(sys);
    expect(cleared.data).toMatchObject({ balanceSurplus: "30", balanceDeficit: "0" });
    expect(cleared.data.circuit).toMatchObject({ mintPaused: false, tripped: false });
    expect(await sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: false });
  });
});
