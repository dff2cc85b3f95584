/**
 * Attack: "a late report can pause Mint". The State Manager's books and the Coordinator's circuit are moved only by
 * reports and circuit updates, which move no value, so only the flushable memory of identities would stop a copy: an
 * attacker flushes it with junk and has a node push an old slot's outbox again (a report from before a mint: supply
 * above collateral, the backing trip; a Circuit-Update from before a Resume: Mint paused again). Blocked by each
 * sender's `Sequence` (state-manager/src/handlers/reports.ts `staleOrInvalid`, coordinator/src/handlers/admin.ts
 * `circuitUpdate`): an older one is ignored. These tests hold that guard.
 */
import { describe, expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { deployTim3, fundUsda, mintTim3, newId, type Delivered, type Tim3System } from "@tim3/testing";
import { adminSend, flushWithJunk, type World } from "./support";

/** Bounded memories shrunk at deployment: a flush takes MEMORY + 1 junk messages (the same forgetting as 2,001). */
const MEMORY = 4;

function evaluationThatSent(log: Delivered[], from: string, target: string, action: string): Delivered {
  const d = log.find((x) => x.envelope.target === from && x.outbox.some((o) => o.target === target && o.tags[Tags.Action] === action));
  if (d === undefined) throw new Error(`no evaluation at ${from} sent ${action} to ${target}`);
  return d;
}

async function deployed(): Promise<{ sys: Tim3System; alice: string }> {
  const sys = await deployTim3({ memoryCapacity: MEMORY });
  const alice = newId();
  await fundUsda(sys, alice, "1000000");
  return { sys, alice };
}

describe("old reports pushed again after a flush", () => {
  it("an old Report-Supply (before a redeem's burn) does not trip the backing breaker", async () => {
    const { sys, alice } = await deployed();
    const sm = sys.stateManager.pid;
    const log = await mintTim3(sys, alice, "150", "m1");
    const supplyReport = evaluationThatSent(log, sys.tokenManager.pid, sm, Actions.ReportSupply);
    // Alice redeems 100: supply 50, collateral 50. The old report says supply 150.
    const redeem = await sys.network.send(alice, sys.tokenManager.pid, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: sys.coordinator.pid, [Tags.Quantity]: "100", [Tags.XAction]: Actions.Redeem, [Tags.XRequestId]: "r1",
    });
    expect(redeem.length).toBeGreaterThan(3);
    await flushWithJunk(sys, sm, MEMORY + 1);
    sys.network.repush(supplyReport, (o) => o.target === sm);
    await sys.network.runUntilQuiet();
    expect(await sys.stateManager.read("StateManager.reports.supply")).toBe("50");
    expect(await sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: false });
  }, 120_000);

  it("an old Circuit-Update (Mint paused) does not pause Mint again after the admin's Resume", async () => {
    const { sys } = await deployed();
    const w = { sys } as World;
    const sm = sys.stateManager.pid;
    const co = sys.coordinator.pid;
    const pause = await sys.network.send(sys.admin, sm, { [Tags.Action]: Actions.Pause, [Tags.Scope]: "Mint" });
    const update = evaluationThatSent(pause, sm, co, Actions.CircuitUpdate);
    await adminSend(w, sm, { [Tags.Action]: Actions.Resume, [Tags.Scope]: "Mint" });
    expect(await sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: false });
    await flushWithJunk(sys, co, MEMORY + 1);
    sys.network.repush(update, (o) => o.target === co);
    await sys.network.runUntilQuiet();
    expect(await sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: false });
  }, 120_000);
});
