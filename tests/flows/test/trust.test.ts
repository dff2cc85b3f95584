import { describe, expect, it } from "vitest";
import { Actions, PeerTags, Tags, errorActionFor } from "@tim3/protocol";
import { AUTHORITY, holdings, mintTim3, newId, spawnProcess } from "@tim3/testing";
import { expectBackedAndConserved, find, world } from "./support";

/** Everything that matters for the invariant, read straight from each process's state. */
async function ledgers(w: Awaited<ReturnType<typeof world>>) {
  return {
    holdings: await holdings(w.sys),
    deposits: await w.sys.lockManager.read("LockManager.holders"),
    operations: await w.sys.coordinator.read("Coordinator.operations"),
    circuit: await w.sys.coordinator.read("Coordinator.circuit"),
    reports: await w.sys.stateManager.read("StateManager.reports"),
    breaker: await w.sys.stateManager.read("StateManager.breaker"),
  };
}

describe("only the configured processes are believed", () => {
  it("a Credit-Notice sent to the Lock Manager by a wallet mints nothing and is answered with an error", async () => {
    const w = await world(1);
    const [mallory] = w.holders;
    const before = await ledgers(w);
    const log = await w.sys.network.send(mallory, w.sys.lockManager.pid, {
      [Tags.Action]: Actions.CreditNotice, [Tags.Sender]: mallory, [Tags.Quantity]: "1000", [Tags.XAction]: Actions.Mint,
    });
    expect(find(log, mallory, errorActionFor(Actions.CreditNotice))?.tags[Tags.Error]).toContain("Only the configured Usda-Process");
    expect(await ledgers(w)).toEqual(before);
  });

  it("a fake USDA token transferring to the Lock Manager mints nothing", async () => {
    const w = await world(1);
    const [mallory] = w.holders;
    // Mallory deploys her own copy of the token and mints herself plenty of it.
    const fake = await spawnProcess(w.sys.network, "mock-usda", mallory);
    await w.sys.network.send(mallory, fake.pid, { [Tags.Action]: Actions.Mint, [Tags.Quantity]: "1000000" });
    const before = await ledgers(w);
    await w.sys.network.send(mallory, fake.pid, {
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: w.sys.lockManager.pid, [Tags.Quantity]: "1000", [Tags.XAction]: Actions.Mint,
    });
    expect(await ledgers(w)).toEqual(before);
  });

  it("a wallet forging From-Process as the USDA process is dropped by aos", async () => {
    const w = await world(1);
    const [mallory] = w.holders;
    const before = await ledgers(w);
    await w.sys.network.send(mallory, w.sys.lockManager.pid, {
      [Tags.Action]: Actions.CreditNotice, "From-Process": w.sys.usda.pid, [Tags.Sender]: mallory,
      [Tags.Quantity]: "1000", [Tags.XAction]: Actions.Mint,
    });
    expect(await ledgers(w)).toEqual(before);
  });

  it("every internal action from a stranger (wallet or other process) is rejected with an error and changes nothing", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    await mintTim3(w.sys, alice, "1000", "seed");
    const stranger = newId();
    const strangerProcess = newId();
    const cases: [string, string, Record<string, string>][] = [
      [w.sys.tokenManager.pid, Actions.MintTim3, { [Tags.Recipient]: stranger, [Tags.Quantity]: "5", [Tags.RequestId]: "x" }],
      [w.sys.tokenManager.pid, Actions.BurnTim3, { [Tags.Quantity]: "5", [Tags.RequestId]: "x" }],
      [w.sys.lockManager.pid, Actions.Release, { [Tags.Recipient]: stranger, [Tags.Quantity]: "5", [Tags.RequestId]: "x" }],
      [w.sys.lockManager.pid, Actions.RefundDeposit, { [Tags.DepositId]: "x", [Tags.RequestId]: "seed" }],
      [w.sys.lockManager.pid, Actions.DebitNotice, { [Tags.XAction]: Actions.Redeemed, [Tags.XRequestId]: "seed" }],
      [w.sys.coordinator.pid, Actions.DepositReceived, { [Tags.DepositId]: "d", [Tags.RequestId]: "y", [Tags.Holder]: stranger, [Tags.Quantity]: "5" }],
      [w.sys.coordinator.pid, Actions.Tim3Minted, { [Tags.RequestId]: "seed" }],
      [w.sys.coordinator.pid, Actions.CreditNotice, { [Tags.Sender]: stranger, [Tags.Quantity]: "5", [Tags.XAction]: Actions.Redeem }],
      [w.sys.coordinator.pid, Actions.Released, { [Tags.RequestId]: "seed" }],
      [w.sys.coordinator.pid, Actions.ReleaseFailed, { [Tags.RequestId]: "seed" }],
      [w.sys.coordinator.pid, Actions.CircuitUpdate, { [Tags.MintPaused]: "true" }],
      [w.sys.stateManager.pid, Actions.ReportSupply, { [Tags.Supply]: "999" }],
      [w.sys.stateManager.pid, Actions.ReportCollateral, { [Tags.Collateral]: "0" }],
      [w.sys.stateManager.pid, Actions.ReportOperations, { [Tags.MintInFlight]: "0", [Tags.RedeemInFlight]: "0", [Tags.PendingCount]: "0", [Tags.OldestPendingAt]: "0" }],
      [w.sys.stateManager.pid, Actions.Pause, { [Tags.Scope]: "All" }],
      [w.sys.coordinator.pid, Actions.SetLimits, { [Tags.Scope]: "Mint", [Tags.Max]: "1" }],
      [w.sys.coordinator.pid, Actions.Configure, { [PeerTags.TokenManager]: stranger }],
      [w.sys.lockManager.pid, Actions.Configure, { [PeerTags.Usda]: stranger }],
    ];
    const before = await ledgers(w);
    for (const [target, action, tags] of cases) {
      // As a wallet:
      const log = await w.sys.network.send(stranger, target, { [Tags.Action]: action, ...tags });
      const reply = find(log, stranger, errorActionFor(action));
      expect(reply?.tags[Tags.Error], `${action} from a wallet`).toMatch(/^Only the (admin|configured)/);
      // As a process that is not the configured peer (relayed by the authority, so aos trusts the From):
      const env = w.sys.network.envelope(strangerProcess, target, { [Tags.Action]: action, ...tags, "From-Process": strangerProcess }, "", AUTHORITY);
      const log2 = await w.sys.network.sendEnvelope(env);
      expect(find(log2, strangerProcess, errorActionFor(action))?.tags[Tags.Error], `${action} from a process`).toMatch(/^Only the (admin|configured)/);
    }
    expect(await ledgers(w)).toEqual(before);
    await expectBackedAndConserved(w);
  });

  it("an unknown action gets an explicit error; notices and errors are never answered", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    const log = await w.sys.network.send(alice, w.sys.coordinator.pid, { [Tags.Action]: "Steal" });
    expect(find(log, alice, errorActionFor("Steal"))?.tags[Tags.Error]).toBe("Unknown action: Steal");
    const log2 = await w.sys.network.send(alice, w.sys.coordinator.pid, {});
    expect(find(log2, alice, "Error")?.tags[Tags.Error]).toBe("Action tag is required");
    const log3 = await w.sys.network.send(alice, w.sys.coordinator.pid, { [Tags.Action]: "Something-Error" });
    expect(log3.filter((d) => d.envelope.target === alice)).toHaveLength(0);
  });
});
