import { isAddress } from "@tim3/protocol";
import { describe, expect, it } from "vitest";
import { availability, mergeCircuits, recipientError } from "../src/lib/availability";
import { circuitBadges, ratioTone } from "../src/lib/reserves";

const open = { mintPaused: false, redeemPaused: false, reason: "" };

describe("availability", () => {
  it("needs a wallet", () => {
    expect(availability("mint", { connected: false, circuit: open })).toEqual({ enabled: false, reason: "Connect a wallet first" });
  });
  it("disables minting while paused, with the reason", () => {
    const paused = { mintPaused: true, redeemPaused: false, reason: "maintenance" };
    expect(availability("mint", { connected: true, circuit: paused })).toEqual({ enabled: false, reason: "Minting is paused (maintenance)" });
    expect(availability("redeem", { connected: true, circuit: paused })).toEqual({ enabled: true });
    expect(availability("transfer", { connected: true, circuit: { ...paused, redeemPaused: true } })).toEqual({ enabled: true });
    expect(availability("redeem", { connected: true, circuit: { mintPaused: false, redeemPaused: true } })).toEqual({
      enabled: false,
      reason: "Redeeming is paused",
    });
  });
  it("merges the State Manager's and the Coordinator's circuits (paused if either is)", () => {
    expect(mergeCircuits(undefined, undefined)).toBeUndefined();
    expect(mergeCircuits(open, { mintPaused: true, redeemPaused: false, reason: "x" })).toEqual({ mintPaused: true, redeemPaused: false, reason: "x" });
  });
});

describe("recipientError", () => {
  const addr = "a".repeat(43);
  it("checks the address shape and refuses oneself", () => {
    expect(recipientError("", undefined, isAddress)).toBe("Enter the recipient's address");
    expect(recipientError("abc", undefined, isAddress)).toMatch(/43 characters/);
    expect(recipientError(addr, addr, isAddress)).toBe("That is your own address");
    expect(recipientError(` ${addr} `, "b".repeat(43), isAddress)).toBeUndefined();
  });
});

describe("reserves presentation", () => {
  it("badges the circuit", () => {
    expect(circuitBadges({ mintPaused: true, redeemPaused: false, tripped: true }).map((b) => b.label)).toEqual([
      "Mint paused",
      "Redeem open",
      "Breaker tripped",
    ]);
    expect(circuitBadges(undefined)[0].tone).toBe("neutral");
  });
  it("a deficit is bad, full backing is good", () => {
    expect(ratioTone("0")).toBe("good");
    expect(ratioTone("5")).toBe("bad");
  });
});
