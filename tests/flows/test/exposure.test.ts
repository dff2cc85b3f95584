/**
 * State exposure (patch@1.0): every process publishes what clients read in the same evaluation that changes it, in
 * bounded entries, and a bundle load publishes everything once. Read here as a HyperBEAM node serves it (readCache).
 */
import { describe, expect, it } from "vitest";
import {
  Actions, CacheKeys, OperationStatus, PeerTags, Tags, balanceKey, exposedName, holderOperationsKey, holderOperationsPagePrefix, keySegment, operationKey,
} from "@tim3/protocol";
import { PATCH_CHUNK } from "@tim3/process-kit";
import { loadBundle, mintTim3, newId, redeemTim3 } from "@tim3/testing";
import { world } from "./support";

const bytes = (v: unknown) => JSON.stringify(v).length;
// The blueprint-like USDA (tests/flows-blueprint) is not TIM3's code and exposes nothing: its entries are not checked.
const mockUsda = process.env.TIM3_USDA !== "blueprint";

describe("state exposure", () => {
  it("keys are lowercase hex per id, so case-insensitive HTTP paths and odd request ids stay distinct", () => {
    expect(keySegment("aB/~")).toBe("61422f7e");
    expect(balanceKey("A".repeat(43))).not.toBe(balanceKey("a".repeat(43)));
    expect(operationKey("A", "x")).toBe("operation-412f78");
    expect(operationKey("A", "x")).not.toBe(operationKey("a", "x"));
  });

  it("every process publishes its Info (version, source hash, peers, admin, owner) on load", async () => {
    const { sys } = await world(0);
    for (const p of mockUsda ? [sys.usda, sys.tokenManager, sys.lockManager, sys.coordinator, sys.stateManager] : [sys.tokenManager, sys.lockManager, sys.coordinator, sys.stateManager]) {
      const info = p.readCache(CacheKeys.ProcessInfo) as Record<string, string>;
      // Field names as a HyperBEAM node keeps them: lowercase (it lower-cases every key it stores).
      expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(info["source-hash"]).toMatch(/^[0-9a-f]{64}$/);
      expect(info.admin).toBe(sys.admin);
      expect(info.owner).toBe(sys.admin);
      expect(Object.keys(info).filter((k) => k !== k.toLowerCase())).toEqual([]);
    }
    // Configure came after the load: the peers it set are exposed too.
    expect((sys.coordinator.readCache(CacheKeys.ProcessInfo) as Record<string, string>)[exposedName(PeerTags.StateManager)]).toBe(sys.stateManager.pid);
    expect(sys.tokenManager.readCache(CacheKeys.TokenInfo)).toEqual({ name: "TIM3", ticker: "TIM3", denomination: "12", logo: "", supply: "0" });
    expect(sys.stateManager.readCache(CacheKeys.Circuit)).toMatchObject({ "mint-paused": false, "redeem-paused": false });
    expect(sys.coordinator.readCache(CacheKeys.Limits)).toMatchObject({ mint: { min: "1", "holder-cap": "0" } });
  });

  it.runIf(mockUsda)("after a Transfer both parties' balances are exposed; a drained sender shows 0; a failed one exposes nobody new", async () => {
    const { sys, holders } = await world(1, 500n);
    const [alice] = holders;
    const bob = newId();
    await sys.network.send(alice, sys.usda.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "200" });
    expect(sys.usda.readCache(balanceKey(alice))).toEqual({ account: alice, balance: "300", locked: "0" });
    expect(sys.usda.readCache(balanceKey(bob))).toEqual({ account: bob, balance: "200", locked: "0" });
    await sys.network.send(alice, sys.usda.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "300" });
    expect(sys.usda.readCache(balanceKey(alice))).toEqual({ account: alice, balance: "0", locked: "0" });
    expect(sys.usda.readCache(balanceKey(bob))).toMatchObject({ balance: "500" });
    const stranger = newId();
    await sys.network.send(alice, sys.usda.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: stranger, [Tags.Quantity]: "1" });
    expect(sys.usda.readCache(balanceKey(stranger))).toBeUndefined();
    expect(sys.usda.readCache(CacheKeys.TokenInfo)).toMatchObject({ ticker: "USDA", supply: "500" });
  });

  it("after a mint and a redeem: balances, supply, reserves, the operation and the holder's list are exposed", async () => {
    const { sys, holders } = await world(1);
    const [alice] = holders;
    await mintTim3(sys, alice, "700", "Req-1/x?~");
    expect(sys.tokenManager.readCache(balanceKey(alice))).toMatchObject({ balance: "700" });
    expect(sys.tokenManager.readCache(CacheKeys.TokenInfo)).toMatchObject({ supply: "700" });
    expect(sys.lockManager.readCache(CacheKeys.Collateral)).toMatchObject({ locked: "700" });
    expect(sys.stateManager.readCache(CacheKeys.Reserves)).toMatchObject({ supply: "700", collateral: "700", "ratio-bps": "10000", health: 100 });
    expect(sys.stateManager.readCache(CacheKeys.Health)).toMatchObject({ health: 100, stale: false });
    await redeemTim3(sys, alice, "200", "r2");
    const op = sys.coordinator.readCache(operationKey(alice, "r2")) as Record<string, unknown>;
    expect(op).toMatchObject({ "request-id": "r2", kind: "redeem", holder: alice, quantity: "200", status: OperationStatus.Completed });
    expect(sys.coordinator.readCache(operationKey(alice, "Req-1/x?~"))).toMatchObject({ kind: "mint", status: OperationStatus.Completed });
    // The holder's operations: a ring index and pages in slot order (oldest first within a page).
    expect(sys.coordinator.readCache(holderOperationsKey(alice))).toMatchObject({ size: 2, "page-size": 5 });
    const mine = sys.coordinator.readCache(holderOperationsPagePrefix(alice) + "0") as { items: { "request-id": string }[] };
    expect(mine.items.map((o) => o["request-id"])).toEqual(["Req-1/x?~", "r2"]);
    expect(sys.coordinator.readCache(CacheKeys.PendingOperations)).toEqual([]);
    expect(sys.stateManager.readCache(CacheKeys.Reserves)).toMatchObject({ supply: "500", collateral: "500" });
    if (mockUsda) expect(sys.usda.readCache(balanceKey(sys.lockManager.pid))).toMatchObject({ balance: "500" });
    const history = sys.stateManager.readCache(CacheKeys.History) as { size: number; "page-size": number };
    expect(history.size).toBeGreaterThan(0);
    const page = sys.stateManager.readCache(CacheKeys.HistoryPagePrefix + "0") as { items: { supply: string }[] };
    expect(page.items[page.items.length - 1].supply).toBe("500");
  });

  it("a mint refused while minting is paused is exposed as refunded, with its reason", async () => {
    const { sys, holders } = await world(1);
    const [alice] = holders;
    await sys.network.send(sys.admin, sys.stateManager.pid, { [Tags.Action]: Actions.Pause, [Tags.Scope]: "Mint", [Tags.Reason]: "audit" });
    expect(sys.coordinator.readCache(CacheKeys.Limits)).toMatchObject({ circuit: { "mint-paused": true } });
    await mintTim3(sys, alice, "40", "paused-1");
    expect(sys.coordinator.readCache(operationKey(alice, "paused-1"))).toMatchObject({
      status: OperationStatus.Refunded, reason: "Minting is paused: audit", quantity: "40",
    });
  });

  it("an admin action is in the exposed audit log in the same evaluation; a holder's message leaves the audit log alone", async () => {
    const { sys, holders } = await world(1);
    const [alice] = holders;
    const auditSize = () => (sys.stateManager.readCache(CacheKeys.AuditLog) as { size: number }).size;
    const before = auditSize();
    await sys.network.send(sys.admin, sys.stateManager.pid, { [Tags.Action]: Actions.Pause, [Tags.Scope]: "Redeem", [Tags.Reason]: "drill" });
    expect(auditSize()).toBe(before + 1);
    const page = sys.stateManager.readCache(CacheKeys.AuditPagePrefix + "0") as { items: { action: string; detail: string }[] };
    expect(page.items[page.items.length - 1]).toMatchObject({ action: Actions.Pause });
    await mintTim3(sys, alice, "10");
    for (const p of [sys.usda, sys.tokenManager, sys.lockManager, sys.coordinator, sys.stateManager]) {
      expect(p.patches.lastKeys.filter((k) => k.startsWith(CacheKeys.AuditLog) || k.startsWith(CacheKeys.AuditPagePrefix))).toEqual([]);
    }
    expect(auditSize()).toBe(before + 1);
  });

  it("sizes stay bounded: a message publishes only what it touched, whatever the number of holders", async () => {
    const { sys, holders } = await world(12, 1000n);
    for (const h of holders) await mintTim3(sys, h, "10");
    const [alice, bob] = holders;
    await sys.network.send(alice, sys.tokenManager.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "1" });
    // process-info, token-info, the audit index and the two balances: not the other holders.
    expect(sys.tokenManager.patches.lastKeys.filter((k) => k.startsWith(CacheKeys.BalancePrefix)).sort()).toEqual(
      [balanceKey(alice), balanceKey(bob)].sort(),
    );
    expect(sys.tokenManager.patches.lastKeys.length).toBeLessThanOrEqual(5);
    for (const p of [sys.usda, sys.tokenManager, sys.lockManager, sys.coordinator, sys.stateManager]) {
      for (const key of p.cacheKeys()) expect(bytes(p.readCache(key)), key).toBeLessThan(32_000);
      expect(p.patches.largestBytes).toBeLessThan(PATCH_CHUNK * 1000);
    }
  });

  it("a query or a replayed message publishes nothing; an upgrade re-publishes everything once", async () => {
    const { sys, holders } = await world(2);
    const [alice, bob] = holders;
    await mintTim3(sys, alice, "50");
    await mintTim3(sys, bob, "60");
    const transfer = sys.network.envelope(alice, sys.tokenManager.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "5" });
    await sys.network.sendEnvelope(transfer);
    const before = sys.tokenManager.patches.count;
    await sys.network.sendEnvelope(transfer);
    await sys.network.send(sys.admin, sys.tokenManager.pid, { [Tags.Action]: Actions.Info });
    expect(sys.tokenManager.patches.count).toBe(before);
    expect(sys.tokenManager.readCache(balanceKey(bob))).toMatchObject({ balance: "65" });
    await sys.tokenManager.eval(loadBundle("token-manager"), sys.network.now());
    expect(sys.tokenManager.patches.lastKeys).toEqual(expect.arrayContaining([
      CacheKeys.ProcessInfo, CacheKeys.TokenInfo, CacheKeys.AuditLog, balanceKey(alice), balanceKey(bob),
    ]));
    expect(sys.tokenManager.readCache(balanceKey(alice))).toMatchObject({ balance: "45" });
  });
});
