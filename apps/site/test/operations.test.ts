import { describe, expect, it } from "vitest";
import { deriveSteps, describeProgress, isSettled, type OperationRecord, type TrackedOperation } from "../src/lib/operations";

const base: TrackedOperation = { kind: "mint", requestId: "r1", quantity: "1000", stage: "signing", startedAt: 0 };
const record = (patch: Partial<OperationRecord>): OperationRecord => ({
  operation: "op-1",
  requestId: "r1",
  kind: "mint",
  holder: "h",
  quantity: "1000",
  status: "pending",
  reason: "",
  createdAt: 1,
  updatedAt: 1,
  burned: false,
  released: false,
  ...patch,
});
const states = (op: TrackedOperation) => deriveSteps(op).map((s) => `${s.key}:${s.state}`);

describe("deriveSteps (mint)", () => {
  it("follows signing → sent → deposited → minted", () => {
    expect(states(base)).toEqual(["sent:active", "deposited:waiting", "minted:waiting"]);
    expect(states({ ...base, stage: "sent", messageId: "m" })).toEqual(["sent:done", "deposited:active", "minted:waiting"]);
    expect(states({ ...base, stage: "tracking", status: "unknown", messageId: "m" })).toEqual(["sent:done", "deposited:active", "minted:waiting"]);
    expect(states({ ...base, stage: "tracking", status: "pending", operation: record({}) })).toEqual(["sent:done", "deposited:done", "minted:active"]);
    expect(states({ ...base, stage: "finished", status: "completed", operation: record({ status: "completed" }) })).toEqual([
      "sent:done",
      "deposited:done",
      "minted:done",
    ]);
  });

  it("shows a refund with its reason in place of the last step", () => {
    const steps = deriveSteps({ ...base, stage: "finished", status: "refunded", operation: record({ status: "refunded", reason: "Minting is paused" }) });
    expect(steps.map((s) => `${s.key}:${s.state}`)).toEqual(["sent:done", "deposited:done", "refunded:failed"]);
    expect(steps[2].detail).toBe("Reason: Minting is paused");
  });

  it("marks the first step failed when the wallet refused to sign", () => {
    const steps = deriveSteps({ ...base, stage: "failed", error: "User cancelled" });
    expect(steps[0]).toMatchObject({ key: "sent", state: "failed", detail: "User cancelled" });
    expect(steps[1].state).toBe("waiting");
  });

  it("marks the tracking step failed on a timeout after sending", () => {
    const steps = deriveSteps({ ...base, stage: "failed", messageId: "m", error: "still unknown after 300000 ms" });
    expect(steps.map((s) => s.state)).toEqual(["done", "failed", "waiting"]);
  });
});

describe("deriveSteps (redeem)", () => {
  const redeem: TrackedOperation = { ...base, kind: "redeem", stage: "tracking", messageId: "m" };
  it("follows sent → burned → released", () => {
    expect(states({ ...redeem, status: "pending", operation: record({ kind: "redeem" }) })).toEqual(["sent:done", "burned:active", "released:waiting"]);
    expect(states({ ...redeem, status: "pending", operation: record({ kind: "redeem", burned: true }) })).toEqual(["sent:done", "burned:done", "released:active"]);
    expect(states({ ...redeem, stage: "finished", operation: record({ kind: "redeem", status: "completed", burned: true, released: true }) })).toEqual([
      "sent:done",
      "burned:done",
      "released:done",
    ]);
  });
  it("a refunded redeem returns the TIM3", () => {
    const steps = deriveSteps({ ...redeem, stage: "finished", operation: record({ kind: "redeem", status: "refunded", reason: "Redeeming is paused" }) });
    expect(steps[2]).toMatchObject({ key: "refunded", label: "Refunded: TIM3 returned", state: "failed" });
  });
});

describe("describeProgress / isSettled", () => {
  const sym = (k: string) => (k === "mint" ? "USDA" : "TIM3");
  it("says where the operation is, for the live region", () => {
    expect(describeProgress(base, sym, "1")).toBe("Mint of 1 USDA: waiting for your wallet");
    expect(describeProgress({ ...base, stage: "finished", operation: record({ status: "completed" }) }, sym, "1")).toBe("Mint of 1 USDA completed");
    expect(describeProgress({ ...base, stage: "finished", operation: record({ status: "refunded", reason: "paused" }) }, sym, "1")).toBe(
      "Mint of 1 USDA refunded: paused",
    );
  });
  it("knows when nothing more will happen", () => {
    expect(isSettled(base)).toBe(false);
    expect(isSettled({ ...base, stage: "failed" })).toBe(true);
    expect(isSettled({ ...base, operation: record({ status: "completed" }) })).toBe(true);
  });
});

describe("a disputed release", () => {
  const redeem: TrackedOperation = { ...base, kind: "redeem" };
  const disputed = { ...redeem, stage: "finished" as const, status: "disputed" as const, operation: record({ kind: "redeem", status: "disputed", burned: true, reason: "USDA answered the release with a Transfer-Error" }) };

  it("shows the burn done and the release awaiting resolution, with its reason, never as refunded or completed", () => {
    const steps = deriveSteps(disputed);
    expect(steps.map((s) => `${s.key}:${s.state}`)).toEqual(["sent:done", "burned:done", "disputed:active"]);
    expect(steps[2].detail).toBe("Reason: USDA answered the release with a Transfer-Error");
    expect(describeProgress(disputed, () => "TIM3", "5")).toBe("Redeem of 5 TIM3: release disputed, awaiting resolution: USDA answered the release with a Transfer-Error");
    expect(isSettled(disputed)).toBe(false);
  });
});
