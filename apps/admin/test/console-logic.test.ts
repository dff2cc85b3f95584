import { describe, expect, it } from "vitest";
import { PeerTags } from "@tim3/protocol";
import type { Operation } from "@tim3/sdk";
import { accessFor, adminOf } from "../src/lib/access";
import { mergeAudit } from "../src/lib/audit";
import { parseConfig } from "../src/lib/config";
import { pendingRows } from "../src/lib/operations";
import { circuitView, reporters } from "../src/lib/reserves";

const id = (c: string) => c.repeat(43);

describe("audit log", () => {
  it("merges all processes newest first, each entry with its process, without duplicates", () => {
    const e = (at: number, action: string, messageId: string) => ({ at, by: id("A"), action, detail: "", messageId });
    const rows = mergeAudit({
      stateManager: [e(300, "Resume", "m3"), e(100, "Pause", "m1")],
      coordinator: [e(200, "Set-Limits", "m2"), e(200, "Set-Limits", "m2")],
      tokenManager: [e(300, "Configure", "m0")],
    });
    expect(rows.map((r) => [r.at, r.role, r.action])).toEqual([
      [300, "tokenManager", "Configure"],
      [300, "stateManager", "Resume"],
      [200, "coordinator", "Set-Limits"],
      [100, "stateManager", "Pause"],
    ]);
  });
});

describe("access", () => {
  it("is admin only for the Admin named in Info", () => {
    const infos = { stateManager: { [PeerTags.Admin]: id("A") } };
    expect(adminOf(infos, "stateManager")).toBe(id("A"));
    expect(accessFor(id("A"), adminOf(infos, "stateManager"))).toEqual({ mode: "admin", address: id("A") });
    expect(accessFor(id("B"), id("A")).mode).toBe("read-only");
    expect(accessFor(undefined, id("A"))).toEqual({ mode: "read-only", reason: "Connect the admin wallet to act" });
    expect(accessFor(id("A"), undefined).mode).toBe("read-only");
  });
});

describe("pending operations", () => {
  const op = (requestId: string, kind: "mint" | "redeem", createdAt: number, burned = false): Operation => ({
    operation: "op-" + requestId, requestId, kind, holder: id("H"), quantity: "1", status: "pending", reason: "", createdAt, updatedAt: createdAt, burned, released: false,
  });
  it("lists the oldest first with ages and the steps a settle re-sends", () => {
    const rows = pendingRows([op("b", "mint", 9_000), op("a", "redeem", 1_000, true)], 10_000);
    expect(rows.map((r) => [r.requestId, r.ageMs, r.unconfirmed])).toEqual([
      ["a", 9_000, ["release USDA"]],
      ["b", 1_000, ["mint TIM3"]],
    ]);
  });
});

describe("reserves presentation", () => {
  it("shows each reporter's freshness", () => {
    const r = reporters({ reportedAt: { supply: 1_000, collateral: 0, operations: 4_000 }, stale: false }, 5_000);
    expect(r.map((x) => [x.process, x.state, x.ageMs])).toEqual([
      ["Token Manager", "fresh", 4_000],
      ["Lock Manager", "never", undefined],
      ["Coordinator", "fresh", 1_000],
    ]);
    expect(reporters({ reportedAt: { supply: 1, collateral: 1, operations: 1 }, stale: true }, 5).every((x) => x.state === "stale")).toBe(true);
  });
  it("reads the circuit", () => {
    expect(circuitView({ mintPaused: true, redeemPaused: false, reason: "x", tripped: true })).toEqual({ mint: "paused", redeem: "open", reason: "x", tripped: true, remedy: "" });
    expect(circuitView({ mintPaused: true, redeemPaused: false, reason: "x", tripped: true, remedy: "Settle" })?.remedy).toBe("Settle");
  });
});

describe("config", () => {
  const base = {
    network: "local",
    urls: { nodeUrl: "http://127.0.0.1:1", scheduler: "S".repeat(43) },
    processes: { usda: id("U"), tokenManager: id("T"), lockManager: id("L"), coordinator: id("C"), stateManager: id("S") },
  };
  it("reads the deployment record when present", () => {
    const deployment = {
      admin: id("A"),
      processes: Object.fromEntries(Object.entries(base.processes).map(([r, p]) => [r, { id: p, version: "1.0.0", bundleHash: "h" }])),
    };
    const r = parseConfig({ ...base, deployment });
    expect(r.ok && r.config.deployment?.processes.coordinator).toEqual({ id: id("C"), name: "coordinator", version: "1.0.0", bundleHash: "h", external: false });
    expect(parseConfig(base).ok && (parseConfig(base) as { config: { deployment?: unknown } }).config.deployment).toBeUndefined();
  });
  it("rejects bad URLs and ids", () => {
    expect(parseConfig({ ...base, urls: { ...base.urls, nodeUrl: "ftp://x" } })).toEqual({ ok: false, error: "config.json: urls.nodeUrl must be an http(s) URL" });
    expect(parseConfig({ ...base, deployment: { admin: "nope" } })).toEqual({ ok: false, error: "config.json: deployment.admin must be an address" });
  });
});
