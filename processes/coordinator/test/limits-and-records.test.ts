/** The Coordinator's pure pieces in Node: the rolling window and the bounded operation records. */
import { describe, expect, it } from "vitest";
import { OperationKind, OperationStatus } from "@tim3/protocol";
import { prune, record, refusal } from "../src/flows/limits";
import { finishOperation, openOperation, refusedOperation } from "../src/flows/operations";
import { FINISHED_OPERATION_MEMORY, newCoordinatorState, newWindow, noLimits } from "../src/state";

const ALICE = "a".repeat(43), BOB = "b".repeat(43);

describe("rolling window", () => {
  it("counts volume per holder and globally, and forgets it after the window", () => {
    const w = newWindow();
    const limits = { ...noLimits(), holderCap: "100", globalCap: "150" };
    record(w, 1000, ALICE, "60");
    record(w, 2000, BOB, "60");
    expect(refusal(limits, w, ALICE, "41")).toBe("Over the per-holder limit of 100 per window (60 used)");
    expect(refusal(limits, w, BOB, "31")).toBe("Over the global limit of 150 per window (120 used)");
    prune(w, 61_000, 60_000);
    expect(w.byHolder[ALICE]).toBeUndefined();
    expect(w.total).toBe("60");
    expect(refusal(limits, w, ALICE, "90")).toBeUndefined();
  });
});

describe("operation records", () => {
  it("track in-flight totals and keep finished records within a bound", () => {
    const s = newCoordinatorState("A".repeat(43), "1", "h");
    const op = openOperation(s, "r1", "r1", OperationKind.Mint, ALICE, "10", 1);
    expect(s.inFlight.mint).toBe("10");
    finishOperation(s, op, OperationStatus.Completed, undefined, 2);
    expect(s.inFlight.mint).toBe("0");
    for (let i = 0; i < FINISHED_OPERATION_MEMORY; i++) refusedOperation(s, `x${i}`, `x${i}`, OperationKind.Redeem, BOB, "1", "no", 3);
    expect(s.operations["r1"]).toBeUndefined();
    expect(Object.keys(s.operations)).toHaveLength(FINISHED_OPERATION_MEMORY);
    expect(s.inFlight.redeem).toBe("0");
    // The record is gone; its final status is kept for good, so nothing about it can act again.
    expect(s.settled["r1"]).toBe(OperationStatus.Completed);
  });
});
