/**
 * The SDK's reads over HTTP GETs of exposed state (libs/sdk state-reads), against the five processes in the aos
 * module served as a HyperBEAM node serves their caches. Each read must equal the process's own dry-run answer, and
 * the SDK must not send a single dry-run (every non-cache request to the server is counted and refused).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Actions, BlueprintKeys, OperationStatus, Scopes, Tags } from "@tim3/protocol";
import { ClientErrorCodes, createTim3Client, type Tim3Client } from "@tim3/sdk";
import { fundUsda, mintTim3, newId, redeemTim3, startCacheServer, type CacheServer, type Tim3System } from "@tim3/testing";
import { world } from "./support";

let sys: Tim3System;
let server: CacheServer;
let client: Tim3Client;
let alice: string;

async function dryRunJson(wallet: string, pid: string, tags: Record<string, string>): Promise<unknown> {
  const [reply] = await sys.network.query(wallet, pid, tags);
  return JSON.parse(reply.data);
}

beforeAll(async () => {
  const w = await world(1);
  sys = w.sys;
  alice = w.holders[0];
  server = await startCacheServer((pid) => [...Object.values(sys.processes)].find((p) => p.pid === pid));
  // The node is this server: a dry-run (or any message) would reach it and be counted.
  client = createTim3Client({
    network: { nodeUrl: server.url },
    processes: {
      usda: sys.usda.pid, tokenManager: sys.tokenManager.pid, lockManager: sys.lockManager.pid,
      coordinator: sys.coordinator.pid, stateManager: sys.stateManager.pid,
    },
  });
  await mintTim3(sys, alice, "900", "m-1");
  await redeemTim3(sys, alice, "300", "r-1");
  await sys.network.send(sys.admin, sys.coordinator.pid, { [Tags.Action]: Actions.SetLimits, [Tags.Scope]: Scopes.Mint, [Tags.Max]: "5000" });
});

afterAll(async () => server?.close());

describe("SDK reads of exposed state", () => {
  it("balances, supply, Info and denominations", async () => {
    expect(await client.balance("tim3", alice)).toBe("600");
    // The blueprint-like USDA (tests/flows-blueprint) exposes nothing: only TIM3's own processes are read here then.
    if (sys.usdaKind === "mock") expect(await client.balance("usda", alice)).toBe(String(1_000_000 - 900 + 300));
    expect(await client.balance("tim3", newId())).toBe("0");
    expect(await client.totalSupply("tim3")).toBe("600");
    const info = await client.info("tokenManager");
    expect(info[Tags.Ticker]).toBe("TIM3");
    expect(info[Tags.SourceHash]).toBe(((await sys.network.query(alice, sys.tokenManager.pid, { [Tags.Action]: Actions.Info }))[0]).tags[Tags.SourceHash]);
    expect(await client.denomination("tim3")).toBe(12);
    if (sys.usdaKind === "mock") expect(await client.denomination("usda")).toBe(12);
  });

  it("operations, the holder's list, pending and limits equal the Coordinator's answers", async () => {
    const op = await client.getOperation("r-1", { holder: alice });
    expect(op).toEqual(await dryRunJson(alice, sys.coordinator.pid, { [Tags.Action]: Actions.GetOperation, [Tags.RequestId]: "r-1" }));
    expect(op?.status).toBe(OperationStatus.Completed);
    expect(await client.getOperation("never", { holder: alice })).toBeUndefined();
    // Request ids are each holder's own labels: another holder's "r-1", or a mint asked for as "r-1", is not this one.
    expect(await client.getOperation("r-1", { holder: newId() })).toBeUndefined();
    expect(await client.getOperation("r-1", { holder: alice, kind: "mint" })).toBeUndefined();
    expect(await client.waitForOperation("m-1", { holder: alice, timeoutMs: 1000 })).toMatchObject({ status: OperationStatus.Completed, kind: "mint" });
    expect(await client.operations(alice)).toEqual(await dryRunJson(alice, sys.coordinator.pid, { [Tags.Action]: Actions.GetOperations, [Tags.Holder]: alice }));
    expect(await client.pendingOperations()).toEqual([]);
    expect(await client.limits()).toEqual(await dryRunJson(alice, sys.coordinator.pid, { [Tags.Action]: Actions.GetLimits }));
  });

  it("reserves, health, history and audit equal the State Manager's answers at the same moment", async () => {
    const reserves = await client.reserves();
    const { at, ...rest } = reserves as typeof reserves & { at?: number };
    const [reply] = await sys.network.query(alice, sys.stateManager.pid, { [Tags.Action]: Actions.GetReserves });
    expect(typeof at).toBe("number");
    expect(rest).toMatchObject({ supply: "600", collateral: "600", ratioBps: "10000", health: 100, stale: false });
    expect(JSON.parse(reply.data)).toMatchObject({ supply: rest.supply, collateral: rest.collateral, circuit: rest.circuit });
    expect(await client.health()).toMatchObject({ health: 100, stale: false, backingBroken: false });
    expect(await client.history(500)).toEqual(await dryRunJson(alice, sys.stateManager.pid, { [Tags.Action]: Actions.GetHistory, [Tags.Limit]: "500" }));
    expect(await client.history(2)).toEqual(await dryRunJson(alice, sys.stateManager.pid, { [Tags.Action]: Actions.GetHistory, [Tags.Limit]: "2" }));
    expect(await client.auditLog("coordinator")).toEqual(await dryRunJson(alice, sys.coordinator.pid, { [Tags.Action]: Actions.GetAuditLog }));
    expect((await client.auditLog("coordinator"))[0]).toMatchObject({ action: Actions.SetLimits, by: sys.admin });
  });

  it("a value that is not what TIM3 exposes is refused, not passed on", async () => {
    // Balances are read in the blueprint's form (/now/balances/<address>): a negative one for alice; a JSON number
    // (a float, for an amount) for anyone else.
    const fake = await startCacheServer(() => ({
      readCache: () => undefined,
      readState: (path) => (path[0] === BlueprintKeys.Balances ? (path[1] === alice ? "-5" : 5) : undefined),
    }));
    try {
      const c = createTim3Client({ network: { nodeUrl: fake.url }, processes: client.processes });
      await expect(c.balance("tim3", alice)).rejects.toMatchObject({ code: ClientErrorCodes.BadState, message: expect.stringMatching(/not what TIM3 exposes/) });
      await expect(c.balance("tim3", newId())).rejects.toMatchObject({ code: ClientErrorCodes.BadState, message: expect.stringMatching(/not what TIM3 exposes/) });
    } finally {
      await fake.close();
    }
  });

  it("no read sent a dry-run (or anything but a cache GET)", async () => {
    await fundUsda(sys, alice, "1");
    expect(server.counts.cacheReads).toBeGreaterThan(10);
    expect(server.counts.other).toEqual([]);
  });

  it("a holder's list across pages and after its ring wrapped equals the Coordinator's answer; a step re-publishes one page", async () => {
    const bob = newId();
    await fundUsda(sys, bob, "1000");
    for (let i = 0; i < 55; i++) await mintTim3(sys, bob, "1", "b-" + i);
    const answer = await dryRunJson(bob, sys.coordinator.pid, { [Tags.Action]: Actions.GetOperations, [Tags.Holder]: bob });
    const listed = await client.operations(bob);
    expect(listed).toEqual(answer);
    expect(listed.map((o) => o.requestId).slice(0, 3)).toEqual(["b-54", "b-53", "b-52"]);
    expect(listed).toHaveLength(50);
    // A redeem of bob's: its steps publish the page holding it (10 records at most), never the whole list of 50.
    sys.coordinator.patches.largestBytes = 0;
    await redeemTim3(sys, bob, "1", "b-r");
    expect(sys.coordinator.patches.largestBytes).toBeGreaterThan(0);
    expect(sys.coordinator.patches.largestBytes).toBeLessThan(JSON.stringify(answer).length / 2);
    expect((await client.operations(bob))[0]).toMatchObject({ requestId: "b-r", kind: "redeem", status: OperationStatus.Completed });
  });
});
