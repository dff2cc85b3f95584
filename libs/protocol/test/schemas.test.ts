import { describe, expect, it } from "vitest";
import { Scopes, Tags, TripCauses } from "../src/index";
import { appConfigSchema, circuitSchema, deployStateSchema, limitsSchema, listSchema, operationRecordSchema, reservesSchema } from "../src/schemas";

describe("reply schemas", () => {
  it("read a limits value as a HyperBEAM node renders it: tag names restored, numbers as decimal strings", () => {
    const tags = { scope: "Mint", min: "1", max: 0, "holder-cap": "0", "global-cap": "0", "window-ms": 86400000 };
    const limits = limitsSchema.parse({ mint: tags, redeem: { ...tags, scope: "Redeem" }, circuit: { mintPaused: "false", redeemPaused: false, reason: "", sequence: "3" } });
    expect(limits.mint).toEqual({ [Tags.Scope]: Scopes.Mint, [Tags.Min]: "1", [Tags.Max]: "0", [Tags.HolderCap]: "0", [Tags.GlobalCap]: "0", [Tags.WindowMs]: "86400000" });
    expect(limits.circuit).toEqual({ mintPaused: false, redeemPaused: false, reason: "", sequence: 3 });
  });

  it("refuse a limit that is not a quantity, and a trip cause the protocol does not name", () => {
    const tags = { Scope: "Mint", Min: "-1", Max: "0", "Holder-Cap": "0", "Global-Cap": "0", "Window-Ms": "1" };
    expect(limitsSchema.safeParse({ mint: tags, redeem: tags, circuit: { mintPaused: false, redeemPaused: false, reason: "", sequence: 0 } }).success).toBe(false);
    const circuit = { mintPaused: true, redeemPaused: false, reason: "r", tripped: true };
    expect(circuitSchema.parse({ ...circuit, trip: TripCauses.Stale }).trip).toBe("stale");
    expect(circuitSchema.parse({ ...circuit, trip: "" }).trip).toBe("");
    expect(circuitSchema.safeParse({ ...circuit, trip: "weather" }).success).toBe(false);
  });

  it("default what an older process does not publish, and keep lists given as maps keyed by position", () => {
    expect(circuitSchema.parse({ mintPaused: false, redeemPaused: false, reason: "" }).tripped).toBe(false);
    const op = { operation: "o", requestId: "r", kind: "mint", holder: "h", quantity: "5", status: "pending", reason: "", createdAt: "1", updatedAt: 2, burned: "false", released: false };
    expect(listSchema(operationRecordSchema).parse({ 2: { ...op, requestId: "b" }, 1: op }).map((o) => o.requestId)).toEqual(["r", "b"]);
    expect(reservesSchema.shape.disputed.parse(undefined)).toBe("0");
  });
});

describe("the deploy state and config.json", () => {
  const pid = (c: string) => c.repeat(43);
  const record = (c: string) => ({ id: pid(c), name: "tim3-" + c, version: "0.1.0", bundleHash: "ab".repeat(32), spawnedAt: "2026-01-01T00:00:00.000Z" });
  const state = {
    network: "local", urls: { nodeUrl: "http://127.0.0.1:4000", scheduler: pid("s") }, module: pid("m"), scheduler: pid("s"), authority: pid("s"), admin: pid("a"),
    processes: { usda: record("u"), tokenManager: record("t"), lockManager: record("l"), coordinator: record("c"), stateManager: record("x") },
    usdaForm: "tim3", updatedAt: "2026-01-01T00:00:00.000Z",
  };

  it("read a deploy state as the deploy tool writes it, and refuse one whose USDA form is unknown", () => {
    expect(deployStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(deployStateSchema.safeParse({ ...state, usdaForm: "other" }).success).toBe(false);
    expect(deployStateSchema.safeParse({ ...state, processes: { ...state.processes, coordinator: { id: pid("c") } } }).success).toBe(false);
  });

  it("read USDA's authorities when the state records them, a state from before without them, and refuse a non-address", () => {
    const recorded = { ...state, usdaAuthorities: [pid("s"), pid("g")] };
    expect(deployStateSchema.parse(JSON.parse(JSON.stringify(recorded))).usdaAuthorities).toEqual([pid("s"), pid("g")]);
    expect(deployStateSchema.parse(state).usdaAuthorities).toBeUndefined();
    for (const bad of [[], ["node"], [pid("s"), ""], pid("s")]) expect(deployStateSchema.safeParse({ ...state, usdaAuthorities: bad }).success, JSON.stringify(bad)).toBe(false);
  });

  it("read a config.json with every process, and refuse one that lacks a process", () => {
    const config = { network: "local", devnet: true, urls: { nodeUrl: "http://127.0.0.1:4000" }, processes: { usda: pid("u"), tokenManager: pid("t"), lockManager: pid("l"), coordinator: pid("c"), stateManager: pid("x") }, refreshMs: 5000 };
    expect(appConfigSchema.parse(config)).toEqual(config);
    const { coordinator: _, ...rest } = config.processes;
    expect(appConfigSchema.safeParse({ ...config, processes: rest }).success).toBe(false);
  });
});
