import { describe, expect, it } from "vitest";
import { Actions, Scopes, Tags, errorActionFor } from "@tim3/protocol";
import { deployTim3, fundUsda, mintTim3, newId, redeemTim3 } from "@tim3/testing";

async function reserves(sys: Awaited<ReturnType<typeof deployTim3>>) {
  const [reply] = await sys.network.query(newId(), sys.stateManager.pid, { [Tags.Action]: Actions.GetReserves });
  return { tags: reply.tags, data: JSON.parse(reply.data) };
}

describe("State Manager in the aos runtime", () => {
  it("reports supply, collateral, ratio and health that follow the flows, and keeps history for charts", async () => {
    const sys = await deployTim3();
    const alice = newId();
    await fundUsda(sys, alice, "1000");
    await mintTim3(sys, alice, "600");
    await redeemTim3(sys, alice, "100");
    const r = await reserves(sys);
    expect(r.tags[Tags.Supply]).toBe("500");
    expect(r.tags[Tags.Collateral]).toBe("500");
    expect(r.tags[Tags.RatioBps]).toBe("10000");
    expect(r.tags[Tags.Health]).toBe("100");
    expect(r.data.pendingCount).toBe(0);
    const [history] = await sys.network.query(alice, sys.stateManager.pid, { [Tags.Action]: Actions.GetHistory, [Tags.Limit]: "3" });
    const points = JSON.parse(history.data);
    expect(points).toHaveLength(3);
    expect(points[2]).toMatchObject({ supply: "500", collateral: "500", ratioBps: "10000" });
    expect(points[0].at).toBeLessThan(points[2].at);
  });

  it("Pause and Resume are admin-only, logged, and reach the Coordinator", async () => {
    const sys = await deployTim3();
    const mallory = newId();
    const log = await sys.network.send(mallory, sys.stateManager.pid, { [Tags.Action]: Actions.Pause, [Tags.Scope]: Scopes.All });
    expect(log.find((d) => d.envelope.target === mallory)?.envelope.tags[Tags.Action]).toBe(errorActionFor(Actions.Pause));
    await sys.network.send(sys.admin, sys.stateManager.pid, { [Tags.Action]: Actions.Pause, [Tags.Scope]: Scopes.Mint, [Tags.Reason]: "audit" });
    expect(await sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: true, redeemPaused: false, reason: "audit" });
    expect((await reserves(sys)).tags[Tags.Health]).toBe("95");
    await sys.network.send(sys.admin, sys.stateManager.pid, { [Tags.Action]: Actions.Resume, [Tags.Scope]: Scopes.Mint });
    expect(await sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: false, redeemPaused: false, reason: "" });
    const [audit] = await sys.network.query(sys.admin, sys.stateManager.pid, { [Tags.Action]: Actions.GetAuditLog });
    const entries = JSON.parse(audit.data);
    expect(entries.map((e: { action: string }) => e.action).slice(0, 2)).toEqual([Actions.Resume, Actions.Pause]);
    expect(entries[1]).toMatchObject({ by: sys.admin, detail: "Mint: audit" });
  });

  it("an operation stuck past stale-after trips the Mint breaker by itself; later mints are refunded with the reason", async () => {
    const sys = await deployTim3();
    const [alice, bob] = [newId(), newId()];
    await fundUsda(sys, alice, "1000");
    await fundUsda(sys, bob, "1000");
    // Alice's Mint-Tim3 is lost on the way: her operation stays pending while the clock runs.
    sys.network.hold((e) => e.tags[Tags.Action] === Actions.MintTim3 && e.tags[Tags.RequestId] === "stuck");
    await mintTim3(sys, alice, "100", "stuck");
    expect(sys.network.held).toHaveLength(1);
    sys.network.advance(600_001);
    const before = await reserves(sys);
    expect(before.data.stale).toBe(true);
    // Bob's first mint trips it: as a node pushes (depth-first, outbox key order), the Lock Manager's Report-Collateral
    // (key "1") and the State Manager's trip reach the Coordinator before Bob's Deposit-Received (key "2"), so that
    // deposit is refused already. (Delivered fifo, the deposit went ahead of the trip and was minted.)
    const refunded = (log: Awaited<ReturnType<typeof mintTim3>>) => log.find((d) => d.envelope.target === bob && d.envelope.tags[Tags.XAction] === Actions.Refund);
    const first = await mintTim3(sys, bob, "10", "bob-1");
    expect(await sys.stateManager.read("StateManager.breaker")).toMatchObject({ mintPaused: true, tripped: true });
    expect(refunded(first)?.envelope.tags[Tags.XReason]).toBe("Minting is paused: Circuit breaker: operations pending for too long");
    const log = await mintTim3(sys, bob, "10", "bob-2");
    expect(refunded(log)?.envelope.tags[Tags.XReason]).toBe("Minting is paused: Circuit breaker: operations pending for too long");
    // When the lost message finally arrives, Alice gets her TIM3 and the backing is exact again; Bob has his USDA back.
    sys.network.release();
    await sys.network.runUntilQuiet();
    const balances = await sys.tokenManager.read<Record<string, string>>("TokenManager.ledger.balances");
    expect(balances[alice]).toBe("100");
    expect(balances[bob] ?? "0").toBe("0");
    expect(await sys.tokenManager.read("TokenManager.ledger.totalSupply")).toBe(await sys.lockManager.read("LockManager.locked"));
  });
});
