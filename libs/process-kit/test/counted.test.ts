/** The compact form of counted identities (process/counted.ts): the same set as the strings, one bit each. */
import { describe, expect, it } from "vitest";
import { countForGood, countedBefore, newCore, type Message } from "../src";

const OWNER = "o".repeat(43);
const PEER = "p".repeat(43), OTHER = "q".repeat(43);
let n = 0;
const relayed = (from: string, reference: string | undefined): Message => ({
  id: "id" + String(n++), from, owner: OWNER, timestamp: 1,
  tags: reference === undefined ? {} : { Reference: reference }, data: "",
});

describe("counted identities", () => {
  it("a process's message counted once is recognised under any id, and only it", () => {
    const core = newCore("x", "1", "h", OWNER);
    for (const r of ["1", "29", "30", "31", "59", "60", "999999999999999"]) countForGood(core, relayed(PEER, r));
    for (const r of ["1", "29", "30", "31", "59", "60", "999999999999999"]) expect(countedBefore(core, relayed(PEER, r)), r).toBe(true);
    for (const r of ["0", "2", "28", "32", "58", "61", "999999999999998"]) expect(countedBefore(core, relayed(PEER, r)), r).toBe(false);
    // Another sender's same Reference is another message.
    expect(countedBefore(core, relayed(OTHER, "1"))).toBe(false);
    // Dense References share words: 7 References, 4 words (0-29, 30-59, 60-89, and the far one).
    expect(Object.keys(core.countedReferences?.[PEER] ?? {})).toHaveLength(4);
    expect(core.counted).toEqual({});
  });

  it("a Reference not written as aos writes it keeps its string identity, so it never shares a bit", () => {
    const core = newCore("x", "1", "h", OWNER);
    countForGood(core, relayed(PEER, "007"));
    expect(countedBefore(core, relayed(PEER, "7"))).toBe(false);
    expect(countedBefore(core, relayed(PEER, "007"))).toBe(true);
    countForGood(core, relayed(PEER, "1234567890123456"));
    expect(core.counted[PEER + "#1234567890123456"]).toBe(true);
    const noReference = relayed(PEER, undefined);
    countForGood(core, noReference);
    expect(countedBefore(core, noReference)).toBe(true);
    expect(countedBefore(core, relayed(PEER, undefined))).toBe(false);
  });

  it("a wallet's message is counted by its signed id, whatever Reference it carries", () => {
    const core = newCore("x", "1", "h", OWNER);
    const own = { ...relayed(OWNER, "5") };
    countForGood(core, own);
    expect(countedBefore(core, relayed(OWNER, "5"))).toBe(false);
    expect(countedBefore(core, own)).toBe(true);
  });

  it("a state from before the bits (no countedReferences) reads and counts", () => {
    const core = newCore("x", "1", "h", OWNER);
    delete core.countedReferences;
    core.counted[PEER + "#9"] = true;
    expect(countedBefore(core, relayed(PEER, "9"))).toBe(true);
    expect(countedBefore(core, relayed(PEER, "10"))).toBe(false);
    countForGood(core, relayed(PEER, "10"));
    expect(countedBefore(core, relayed(PEER, "10"))).toBe(true);
  });
});

describe("a process on a module built before aos 2.0 (Ref_ instead of Reference)", () => {
  const legacy = (from: string, ref: string): Message => ({ id: "id" + String(n++), from, owner: OWNER, timestamp: 1, tags: { Ref_: ref }, data: "" });

  it("is identified by its sender and Ref_ under any id, apart from the Reference of the same number", () => {
    const core = newCore("x", "1", "h", OWNER);
    countForGood(core, legacy(PEER, "12"));
    expect(countedBefore(core, legacy(PEER, "12"))).toBe(true);
    expect(countedBefore(core, legacy(PEER, "13"))).toBe(false);
    expect(countedBefore(core, legacy(OTHER, "12"))).toBe(false);
    expect(countedBefore(core, relayed(PEER, "12"))).toBe(false);
  });
});
