/** The Lock Manager's pure logic in Node: what it counts as backing, and that it never sends more than it holds. */
import { describe, expect, it } from "vitest";
import { Actions, ErrorCodes, PeerTags, Tags } from "@tim3/protocol";
import { dispatch, type Message } from "@tim3/process-kit";
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
    expect(again[0].tags[Tags.Error]).toContain("already refunding");
    expect(s.locked).toBe("0");
    // Done only when USDA's Debit-Notice for that very transfer says so.
    const reference = out[1].tags[Tags.XReference];
    expect(s.deposits[d.id].status).toBe("refunding");
    run(s, msg(USDA, { [Tags.Action]: Actions.DebitNotice, [Tags.Recipient]: ALICE, [Tags.Quantity]: "500", [Tags.XReference]: d.id }));
    expect(s.deposits[d.id].status).toBe("refunding");
    run(s, msg(USDA, { [Tags.Action]: Actions.DebitNotice, [Tags.Recipient]: ALICE, [Tags.Quantity]: "500", [Tags.XReference]: reference }));
    expect(s.awaiting).toEqual({});
    // Confirmed: the full record goes to the bounded ring people read; the Credit-Notice's identity stays for good.
    expect(s.deposits[d.id]).toBeUndefined();
    expect(s.returns.items[1]).toMatchObject({ holder: ALICE, quantity: "500", status: "refunded" });
    expect(run(s, d)).toEqual([]);
    expect(run(s, msg(COORD, { [Tags.Action]: Actions.RefundDeposit, [Tags.DepositId]: d.id }))[0].tags[Tags.ErrorCode]).toBe(ErrorCodes.NotFound);
    expect(s.locked).toBe("0");
  });

  it("confirms a release to the Coordinator only on USDA's Debit-Notice for it; asked again before that, it answers nothing", () => {
    const s = manager();
    run(s, deposit("100"));
    const release = () => msg(COORD, { [Tags.Action]: Actions.Release, [Tags.Recipient]: ALICE, [Tags.Quantity]: "40", [Tags.Operation]: "op" });
    const out = run(s, release());
    expect(out.map((o) => o.tags[Tags.Action])).toEqual([Actions.ReportCollateral, Actions.Transfer]);
    expect(run(s, release())).toEqual([]);
    // An older blueprint's Transfer-Error names no reference: it confirms nothing and completes nothing.
    expect(run(s, msg(USDA, { [Tags.Action]: Actions.TransferError, [Tags.Error]: "Insufficient Balance!" }))).toEqual([]);
    expect(s.releases.op.status).toBe("sent");
    const reference = out[1].tags[Tags.XReference];
    const paid = run(s, msg(USDA, { [Tags.Action]: Actions.DebitNotice, [Tags.Recipient]: ALICE, [Tags.Quantity]: "40", [Tags.XReference]: reference }));
    expect(paid.map((o) => [o.target, o.tags[Tags.Action], o.tags[Tags.ReleaseStage]])).toEqual([[COORD, Actions.Released, "first"]]);
    expect(run(s, release()).map((o) => o.tags[Tags.Action])).toEqual([Actions.Released]);
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

  it("takes a USDA answer to a release only when it echoes the release's reference, and only the first", () => {
    const s = manager();
    run(s, deposit("100"));
    const rel = msg(COORD, { [Tags.Action]: Actions.Release, [Tags.Recipient]: ALICE, [Tags.Quantity]: "40", [Tags.Operation]: "op" });
    const out = run(s, rel);
    const transfer = out.find((o) => o.target === USDA && o.tags[Tags.Action] === Actions.Transfer);
    const reference = transfer?.tags[Tags.XReference] ?? "";
    expect(reference).toBe("op/" + rel.id);
    expect(s.locked).toBe("60");
    const error = (ref: string) => msg(USDA, { [Tags.Action]: Actions.TransferError, [Tags.XReference]: ref, [Tags.Error]: "Insufficient Balance!" });
    // What anyone knows before the Release exists (the key) is not the reference.
    expect(run(s, error("op"))).toEqual([]);
    expect(s.releases.op.status).toBe("sent");
    // USDA's Debit-Notice for this very transfer answers first: a later Transfer-Error with the reference does nothing.
    run(s, msg(USDA, { [Tags.Action]: Actions.DebitNotice, [Tags.Recipient]: ALICE, [Tags.Quantity]: "40", [Tags.XReference]: reference }));
    expect(s.releases.op.status).toBe("confirmed");
    expect(run(s, error(reference))).toEqual([]);
    expect(s.locked).toBe("60");
    expect(s.awaiting).toEqual({});
  });

  it("never counts a release back on a Transfer-Error: it is disputed until the admin resolves it, once", () => {
    const s = manager();
    run(s, deposit("100"));
    const out = run(s, msg(COORD, { [Tags.Action]: Actions.Release, [Tags.Recipient]: ALICE, [Tags.Quantity]: "40", [Tags.Operation]: "op" }));
    const reference = out.find((o) => o.tags[Tags.Action] === Actions.Transfer)?.tags[Tags.XReference] ?? "";
    const error = () => msg(USDA, { [Tags.Action]: Actions.TransferError, [Tags.XReference]: reference, [Tags.Error]: "Insufficient Balance!" });
    const disputed = run(s, error());
    expect(disputed.map((o) => o.tags[Tags.Action])).toEqual([Actions.ReportCollateral, Actions.ReleaseDisputed]);
    expect(disputed[0].tags[Tags.Disputed]).toBe("40");
    expect([s.locked, s.disputed, s.releases.op.status]).toEqual(["60", "40", "disputed"]);
    expect(run(s, error())).toEqual([]);
    // Asked again (Settle), it answers disputed.
    const retry = run(s, msg(COORD, { [Tags.Action]: Actions.Release, [Tags.Recipient]: ALICE, [Tags.Quantity]: "40", [Tags.Operation]: "op" }));
    expect(retry.map((o) => o.tags[Tags.Action])).toEqual([Actions.ReleaseDisputed]);
    const resolve = (from: string, outcome: string) => msg(from, { [Tags.Action]: Actions.ResolveRelease, [Tags.Operation]: "op", [Tags.Outcome]: outcome });
    expect(run(s, resolve(ALICE, "failed"))[0].tags[Tags.ErrorCode]).toBe("Not-Admin");
    expect([s.locked, s.disputed, s.releases.op.status]).toEqual(["60", "40", "disputed"]);
    const resolved = run(s, resolve(ADMIN, "failed"));
    expect(resolved.map((o) => o.tags[Tags.Action])).toEqual([Actions.ResolveReleaseDone, Actions.ReportCollateral, Actions.ReleaseFailed]);
    expect([s.locked, s.disputed, s.releases.op.status, s.holders[ALICE].released]).toEqual(["100", "0", "failed", "0"]);
    expect(run(s, resolve(ADMIN, "paid"))[0].tags[Tags.ErrorCode]).toBe("Already-Final");
    // USDA's Debit-Notice after the admin's verdict changes nothing.
    expect(run(s, msg(USDA, { [Tags.Action]: Actions.DebitNotice, [Tags.Recipient]: ALICE, [Tags.Quantity]: "40", [Tags.XReference]: reference }))).toEqual([]);
    expect([s.locked, s.disputed, s.releases.op.status]).toEqual(["100", "0", "failed"]);
  });

  it("resolves a disputed release as paid on USDA's Debit-Notice for its recipient and quantity", () => {
    const s = manager();
    run(s, deposit("100"));
    const out = run(s, msg(COORD, { [Tags.Action]: Actions.Release, [Tags.Recipient]: ALICE, [Tags.Quantity]: "40", [Tags.Operation]: "op" }));
    const reference = out.find((o) => o.tags[Tags.Action] === Actions.Transfer)?.tags[Tags.XReference] ?? "";
    run(s, msg(USDA, { [Tags.Action]: Actions.TransferError, [Tags.XReference]: reference }));
    const notice = (q: string) => msg(USDA, { [Tags.Action]: Actions.DebitNotice, [Tags.Recipient]: ALICE, [Tags.Quantity]: q, [Tags.XReference]: reference });
    expect(run(s, notice("39"))).toEqual([]);
    const paid = run(s, notice("40"));
    expect(paid.map((o) => o.tags[Tags.Action])).toEqual([Actions.ReportCollateral, Actions.Released]);
    expect([s.locked, s.disputed, s.releases.op.status]).toEqual(["60", "0", "confirmed"]);
    expect(run(s, notice("40"))).toEqual([]);
  });
});
