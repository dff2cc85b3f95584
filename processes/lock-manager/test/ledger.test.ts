/** The Lock Manager's pure logic in Node: what it counts as backing, and that it never sends more than it holds. */
import { describe, expect, it } from "vitest";
import { Actions, PeerTags, Tags, dispatch, type Message } from "@tim3/protocol";
import { lockManagerHandlers } from "../src/handlers";
import { newLockManagerState } from "../src/state";

const ADMIN = "A".repeat(43), USDA = "U".repeat(43), COORD = "C".repeat(43), SM = "S".repeat(43), ALICE = "a".repeat(43);
let n = 0;
const msg = (from: string, tags: Record<string, string>): Message => ({
  id: `m${++n}`.padEnd(43, "x"), from, owner: from, timestamp: 1_800_000_000_000 + n, tags, data: "",
});
function manager() {
  const s = newLockManagerState(ADMIN, "1.0.0", "hash");
  Object.assign(s.core.peers, { [PeerTags.Usda]: USDA, [PeerTags.Coordinator]: COORD, [PeerTags.StateManager]: SM });
  return s;
}
const run = (s: ReturnType<typeof manager>, m: Message) => dispatch(s, lockManagerHandlers, m, { self: "L".repeat(43), now: m.timestamp });
const deposit = (q: string) => msg(USDA, { [Tags.Action]: Actions.CreditNotice, [Tags.Sender]: ALICE, [Tags.Quantity]: q, [Tags.XAction]: Actions.Mint, [Tags.XRequestId]: "r" });

describe("Lock Manager", () => {
  it("locks a USDA deposit marked Mint and tells the State Manager, then the Coordinator", () => {
    const s = manager();
    const out = run(s, deposit("500"));
    expect(out.map((o) => [o.target, o.tags[Tags.Action]])).toEqual([[SM, Actions.ReportCollateral], [COORD, Actions.DepositReceived]]);
    expect(s.locked).toBe("500");
    expect(s.holders[ALICE].deposited).toBe("500");
  });

  it("refunds a deposit once, with the Coordinator's reason", () => {
    const s = manager();
    const d = deposit("500");
    run(s, d);
    const refund = msg(COORD, { [Tags.Action]: Actions.RefundDeposit, [Tags.DepositId]: d.id, [Tags.Reason]: "paused" });
    const out = run(s, refund);
    expect(out[1]).toMatchObject({ target: USDA, tags: { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: ALICE, [Tags.Quantity]: "500", [Tags.XReason]: "paused", [Tags.XAction]: Actions.Refund } });
    expect(s.locked).toBe("0");
    const again = run(s, msg(COORD, { [Tags.Action]: Actions.RefundDeposit, [Tags.DepositId]: d.id }));
    expect(again[0].tags[Tags.Error]).toContain("already refunded");
    expect(s.locked).toBe("0");
  });

  it("never releases more than it holds: the Coordinator is told the release failed", () => {
    const s = manager();
    run(s, deposit("100"));
    const out = run(s, msg(COORD, { [Tags.Action]: Actions.Release, [Tags.Recipient]: ALICE, [Tags.Quantity]: "101", [Tags.Operation]: "x" }));
    expect(out).toHaveLength(1);
    expect(out[0].tags[Tags.Action]).toBe(Actions.ReleaseFailed);
    expect(s.locked).toBe("100");
  });

  it("does not count USDA from anything but the configured USDA process", () => {
    const s = manager();
    const out = run(s, { ...deposit("100"), from: "F".repeat(43) });
    expect(out[0].tags[Tags.Error]).toContain("Only the configured Usda-Process");
    expect(s.locked).toBe("0");
  });
});
