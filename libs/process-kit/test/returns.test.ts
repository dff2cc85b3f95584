/** Bounded returns (src/returns.ts): the window, what is owed, the claim, and the bounded memory of windows. */
import { describe, expect, it } from "vitest";
import { Actions, ErrorCodes, ReturnLimits, Tags } from "@tim3/protocol";
import { RETURN_WINDOWS_CAPACITY, claimReturns, dispatch, newCore, owedInToken, owedTo, returnNowOrOwe, type Message } from "../src";

const ADMIN = "a".repeat(43), TOKEN = "t".repeat(43), OTHER_TOKEN = "u".repeat(43), ALICE = "b".repeat(43), MALLORY = "m".repeat(43);
let n = 0;
const claim = (from: string): Message => ({ id: "claim" + String(n++), from, owner: from, timestamp: 1, tags: { [Tags.Action]: Actions.ClaimReturns }, data: "" });
const ctx = { self: "s".repeat(43), now: 1 };

describe("bounded returns", () => {
  it(`returns ${ReturnLimits.perSender} times per window, keeps the rest as owed, and returns again in the next window`, () => {
    const core = newCore("x", "1", "h", ADMIN);
    const t0 = 1_000_000;
    for (let i = 0; i < ReturnLimits.perSender; i++) expect(returnNowOrOwe(core, TOKEN, ALICE, "5", t0 + i)).toBe(true);
    expect(returnNowOrOwe(core, TOKEN, ALICE, "5", t0 + 10)).toBe(false);
    expect(returnNowOrOwe(core, OTHER_TOKEN, ALICE, "7", t0 + 11)).toBe(false);
    expect(returnNowOrOwe(core, TOKEN, ALICE, "5", t0 + ReturnLimits.windowMs - 1)).toBe(false);
    // Another sender has its own window, and so has each operation a sender asked for under a request id.
    expect(returnNowOrOwe(core, TOKEN, MALLORY, "1", t0 + 12)).toBe(true);
    for (let i = 0; i < ReturnLimits.perSender; i++) expect(returnNowOrOwe(core, TOKEN, ALICE, "1", t0 + 13, "label-" + String(i))).toBe(true);
    for (let i = 1; i < ReturnLimits.perSender; i++) expect(returnNowOrOwe(core, TOKEN, ALICE, "1", t0 + 14, "label-0")).toBe(true);
    expect(returnNowOrOwe(core, TOKEN, ALICE, "1", t0 + 15, "label-0")).toBe(false);
    expect(owedTo(core, ALICE)).toEqual([{ token: TOKEN, quantity: "11" }, { token: OTHER_TOKEN, quantity: "7" }]);
    expect(owedInToken(core, TOKEN)).toBe("11");
    expect(returnNowOrOwe(core, TOKEN, ALICE, "5", t0 + ReturnLimits.windowMs)).toBe(true);
  });

  it(`refunds at most ${ReturnLimits.perSenderOperations} operations of one sender per window, however many fresh request ids it uses`, () => {
    const core = newCore("x", "1", "h", ADMIN);
    const t0 = 5_000_000;
    // A bouncer answering each refund with a new operation under a fresh label, while minting is paused.
    for (let i = 0; i < ReturnLimits.perSenderOperations; i++) expect(returnNowOrOwe(core, TOKEN, ALICE, "1", t0 + i, "fresh-" + String(i))).toBe(true);
    expect(returnNowOrOwe(core, TOKEN, ALICE, "1", t0 + 1_000, "fresh-next")).toBe(false);
    expect(returnNowOrOwe(core, TOKEN, ALICE, "1", t0 + 2_000, "fresh-after")).toBe(false);
    expect(owedTo(core, ALICE)).toEqual([{ token: TOKEN, quantity: "2" }]);
    // Once the window is full, no label's window is added: the bouncer cannot flush the memory by itself.
    expect(Object.keys(core.returnWindows?.bySender ?? {})).toHaveLength(ReturnLimits.perSenderOperations + 1);
    // Another holder's operations, and ALICE's own unsolicited window, are their own; the next hour starts over.
    expect(returnNowOrOwe(core, TOKEN, MALLORY, "1", t0 + 3_000, "fresh-0")).toBe(true);
    expect(returnNowOrOwe(core, TOKEN, ALICE, "1", t0 + 3_000)).toBe(true);
    expect(returnNowOrOwe(core, TOKEN, ALICE, "1", t0 + ReturnLimits.windowMs, "fresh-next-hour")).toBe(true);
  });

  it("a claim pays the claimant all it is owed, one Transfer per token, once; anyone else's claim is refused and changes nothing", () => {
    const state = { core: newCore("x", "1", "h", ADMIN) };
    for (let i = 0; i <= ReturnLimits.perSender; i++) returnNowOrOwe(state.core, TOKEN, ALICE, "5", i);
    const refused = claimReturns(state, claim(MALLORY), ctx);
    expect(refused.map((o) => o.tags[Tags.ErrorCode])).toEqual([ErrorCodes.NothingOwed]);
    expect(owedTo(state.core, ALICE)).toEqual([{ token: TOKEN, quantity: "5" }]);
    const handlers = { [Actions.ClaimReturns]: claimReturns };
    const first = claim(ALICE);
    const paid = dispatch(state, handlers, first, ctx);
    expect(paid).toHaveLength(1);
    expect(paid[0].target).toBe(TOKEN);
    expect(paid[0].tags).toMatchObject({ [Tags.Action]: Actions.Transfer, [Tags.Recipient]: ALICE, [Tags.Quantity]: "5", [Tags.XAction]: Actions.Refund });
    expect(owedTo(state.core, ALICE)).toEqual([]);
    // The same claim again, after its memory of ids was flushed: counted for good, nothing.
    state.core.seen = newCore("x", "1", "h", ADMIN).seen;
    expect(dispatch(state, handlers, first, ctx)).toEqual([]);
    expect(dispatch(state, handlers, claim(ALICE), ctx).map((o) => o.tags[Tags.ErrorCode])).toEqual([ErrorCodes.NothingOwed]);
  });

  it("the memory of windows is bounded: flushing it takes a return to that many other senders", () => {
    const core = newCore("x", "1", "h", ADMIN);
    for (let i = 0; i < ReturnLimits.perSender; i++) returnNowOrOwe(core, TOKEN, ALICE, "1", i);
    expect(returnNowOrOwe(core, TOKEN, ALICE, "1", 10)).toBe(false);
    for (let i = 0; i < RETURN_WINDOWS_CAPACITY - 1; i++) returnNowOrOwe(core, TOKEN, "s" + String(i), "1", 20);
    expect(returnNowOrOwe(core, TOKEN, ALICE, "1", 30)).toBe(false);
    returnNowOrOwe(core, TOKEN, "one-more", "1", 40);
    expect(Object.keys(core.returnWindows?.bySender ?? {})).toHaveLength(RETURN_WINDOWS_CAPACITY);
    expect(returnNowOrOwe(core, TOKEN, ALICE, "1", 50)).toBe(true);
    // What was owed stays owed: only the counters are forgotten.
    expect(owedTo(core, ALICE)).toEqual([{ token: TOKEN, quantity: "2" }]);
  });
});
