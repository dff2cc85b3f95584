/** The runtime's scheduling, relaying and push order, without the aos module (fast). */
import { describe, expect, it } from "vitest";
import { Scheduler, outboxOf, pushOrder, relay, repush, newId, type AoOutMessage } from "../src/index";

const message = (target: string, action: string, reference?: string): AoOutMessage => ({
  Target: target,
  Tags: [
    { name: "Data-Protocol", value: "ao" },
    { name: "Type", value: "Message" },
    { name: "Action", value: action },
    ...(reference === undefined ? [] : [{ name: "Reference", value: reference }]),
  ],
  Data: "",
});

describe("the local AO's core", () => {
  it("keys an outbox 1..n without patch messages and pushes it in the map's key order (1, 10, 11, 2, …)", () => {
    const patch: AoOutMessage = { Tags: [{ name: "device", value: "patch@1.0" }, { name: "cache", value: { x: 1 } }] };
    const messages = [patch, ...Array.from({ length: 11 }, (_, i) => message("T", `A${i + 1}`, String(i + 1)))];
    const outbox = outboxOf({ Messages: messages });
    expect(outbox.map((m) => m.key)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]);
    expect(outbox[0].tags).toEqual({ Action: "A1" });
    expect(outbox[0].reference).toBe("1");
    expect(pushOrder(outbox).map((m) => m.tags.Action)).toEqual(["A1", "A10", "A11", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9"]);
  });

  it("assigns consecutive slots per process and stamps each at assignment, never going back", () => {
    let now = 1_000;
    const s = new Scheduler({ clock: () => now });
    expect(s.assign("p")).toEqual({ slot: 1, timestamp: 1_000 });
    now = 900; // a clock that steps back never moves a process's stamps back
    expect(s.assign("p")).toEqual({ slot: 2, timestamp: 1_000 });
    expect(s.assign("q")).toEqual({ slot: 1, timestamp: 900 });
    const mark = s.mark();
    now = 2_000;
    expect(s.assign("p")).toEqual({ slot: 3, timestamp: 2_000 });
    s.rollback(mark);
    expect(s.nextSlot("p")).toBe(3);
    const fromLog = new Scheduler({ clock: () => now, firstSlot: () => 7 });
    expect(fromLog.assign("p").slot).toBe(7);
  });

  it("relays with a fresh id every time, From-Process set and the sender's Reference kept; a re-push is new messages", () => {
    const sender = { target: "LM", id: newId(), depth: 0 };
    const [out] = outboxOf({ Messages: [message("C", "Deposit-Received", "42")] });
    const first = relay(sender, out, "node", 5);
    expect(first).toMatchObject({ target: "C", from: "LM", owner: "node", depth: 1, parent: sender.id });
    expect(first.tags).toEqual({ Action: "Deposit-Received", "From-Process": "LM", Reference: "42" });
    const again = repush(sender, [out], "node", 9);
    expect(again[0].id).not.toBe(first.id);
    expect(again[0].tags).toEqual(first.tags);
    expect(again[0].id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe("state reads as a node serves them", () => {
  it("takes the serialize~json@1.0 suffix off, refuses a path that names no key, and encodes a binary as JSON only when asked", async () => {
    const { encodeState, statePath, StatePathError } = await import("../src/index");
    expect(statePath(["balances", "AbC", "serialize~json@1.0"])).toEqual({ path: ["balances", "AbC"], asJson: true });
    expect(statePath(["cache", "reserves"])).toEqual({ path: ["cache", "reserves"], asJson: false });
    expect(() => statePath(["cache"])).toThrow(StatePathError);
    expect(() => statePath(["serialize~json@1.0"])).toThrow(StatePathError);
    expect(encodeState("250", true)?.body.toString()).toBe('"250"');
    expect(encodeState("250", false)).toMatchObject({ json: false });
    expect(encodeState("250", false)?.body.toString()).toBe("250");
    expect(encodeState({ a: 1 }, false)).toMatchObject({ json: true });
    expect(encodeState(undefined, true)).toBeUndefined();
  });
});

it("gives a slot back only when nothing was assigned to that process since (a failed durable write)", () => {
  const s = new Scheduler({ clock: () => 1 });
  const { slot } = s.assign("p");
  s.assign("q");
  expect(s.unassign("p", slot)).toBe(true);
  expect(s.assign("p").slot).toBe(slot);
  s.assign("p");
  expect(s.unassign("p", slot)).toBe(false);
});
