/** The Token Manager's pure logic in Node: supply changes only on the Coordinator's word. */
import { describe, expect, it } from "vitest";
import { Actions, PeerTags, Tags } from "@tim3/protocol";
import { dispatch, type Message } from "@tim3/process-kit";
import { tokenManagerHandlers } from "../src/handlers";
import { newTokenManagerState } from "../src/state";

const ADMIN = "A".repeat(43), COORD = "C".repeat(43), SM = "S".repeat(43), ALICE = "a".repeat(43);
let n = 0;
const msg = (from: string, tags: Record<string, string>): Message => ({
  id: `m${++n}`.padEnd(43, "x"), from, owner: from, timestamp: 1_800_000_000_000 + n, tags, data: "",
});

function manager() {
  const s = newTokenManagerState(ADMIN, "1.0.0", "hash", 12);
  s.core.peers[PeerTags.Coordinator] = COORD;
  s.core.peers[PeerTags.StateManager] = SM;
  return s;
}
const run = (s: ReturnType<typeof manager>, m: Message) => dispatch(s, tokenManagerHandlers, m, { self: "T".repeat(43), now: m.timestamp });

describe("Token Manager", () => {
  it("mints on the Coordinator's word: supply report first, then Credit-Notice with the request id and confirmation", () => {
    const s = manager();
    const out = run(s, msg(COORD, { [Tags.Action]: Actions.MintTim3, [Tags.Recipient]: ALICE, [Tags.Quantity]: "70", [Tags.RequestId]: "r1", [Tags.Operation]: "k1" }));
    expect(out.map((o) => [o.target, o.tags[Tags.Action]])).toEqual([
      [SM, Actions.ReportSupply], [ALICE, Actions.CreditNotice], [COORD, Actions.Tim3Minted],
    ]);
    expect(out[1].tags[Tags.XRequestId]).toBe("r1");
    expect(out[0].tags[Tags.Supply]).toBe("70");
    expect(s.ledger.balances[ALICE]).toBe("70");
  });

  it("refuses Mint-Tim3 and Burn-Tim3 from anyone else, changing nothing", () => {
    const s = manager();
    const before = JSON.stringify(s.ledger);
    const out = run(s, msg(ALICE, { [Tags.Action]: Actions.MintTim3, [Tags.Recipient]: ALICE, [Tags.Quantity]: "70", [Tags.RequestId]: "r", [Tags.Operation]: "k" }));
    expect(out[0].tags[Tags.Error]).toBe("Only the configured Coordinator-Process may send Mint-Tim3");
    run(s, msg(ALICE, { [Tags.Action]: Actions.BurnTim3, [Tags.Quantity]: "1", [Tags.RequestId]: "r", [Tags.Operation]: "k" }));
    expect(JSON.stringify(s.ledger)).toBe(before);
  });

  it("burns only what the Coordinator holds", () => {
    const s = manager();
    run(s, msg(COORD, { [Tags.Action]: Actions.MintTim3, [Tags.Recipient]: COORD, [Tags.Quantity]: "10", [Tags.RequestId]: "r", [Tags.Operation]: "k" }));
    const refused = run(s, msg(COORD, { [Tags.Action]: Actions.BurnTim3, [Tags.Quantity]: "11", [Tags.RequestId]: "b", [Tags.Operation]: "b" }));
    expect(refused[0].tags[Tags.Error]).toBe("Insufficient balance");
    const ok = run(s, msg(COORD, { [Tags.Action]: Actions.BurnTim3, [Tags.Quantity]: "10", [Tags.RequestId]: "b", [Tags.Operation]: "b" }));
    expect(ok.map((o) => o.tags[Tags.Action])).toEqual([Actions.ReportSupply, Actions.Tim3Burned]);
    expect(s.ledger.totalSupply).toBe("0");
  });
});
