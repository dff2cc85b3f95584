/**
 * Every `<Action>-Error` names its failure with an `Error-Code` from libs/protocol's ErrorCodes table, so clients branch
 * on the code and never on the human text: each process refuses an unknown action, a stranger's admin action and a
 * stranger's peer action with the code for it, and the common validation failures carry theirs.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Actions, ErrorCodes, PeerTags, Tags, errorActionFor, type ErrorCode } from "@tim3/protocol";
import { fundUsda, mintTim3, newId, type AosProcess } from "@tim3/testing";
import { world, type World } from "./support";

let w: World;
let stranger: string;

beforeAll(async () => {
  w = await world(1);
  stranger = newId();
  await mintTim3(w.sys, w.holders[0], "100", "codes");
  await fundUsda(w.sys, stranger, "10");
});

/** Sends `tags` from `from` and returns the Error-Code of the one `<Action>-Error` that came back. */
async function codeOf(process: AosProcess, from: string, tags: Record<string, string>): Promise<string | undefined> {
  const log = await w.sys.network.send(from, process.pid, tags);
  const replies = log[0].outbox.filter((o) => o.target === from);
  expect(replies.map((r) => r.tags[Tags.Action])).toEqual([errorActionFor(tags[Tags.Action])]);
  expect(replies[0].tags[Tags.Error]).toMatch(/\S/);
  return replies[0].tags[Tags.ErrorCode];
}

describe("Error-Code on every <Action>-Error", () => {
  it("each process: Unknown-Action, Not-Admin for a stranger's Configure, Not-Peer for a stranger's internal action", async () => {
    const peerActions: [AosProcess, string][] = [
      [w.sys.tokenManager, Actions.MintTim3],
      [w.sys.lockManager, Actions.Release],
      [w.sys.coordinator, Actions.DepositReceived],
      [w.sys.stateManager, Actions.ReportSupply],
    ];
    // The blueprint-like USDA is not TIM3's code: it sends no Error-Code (the SDK calls that Uncoded).
    const tim3 = [w.sys.tokenManager, w.sys.lockManager, w.sys.coordinator, w.sys.stateManager];
    for (const p of w.sys.usdaKind === "mock" ? [w.sys.usda, ...tim3] : tim3) {
      expect(await codeOf(p, stranger, { [Tags.Action]: "No-Such-Action" }), p.pid).toBe(ErrorCodes.UnknownAction);
      expect(await codeOf(p, stranger, { [Tags.Action]: Actions.Configure, [PeerTags.Admin]: stranger }), p.pid).toBe(ErrorCodes.NotAdmin);
    }
    for (const [p, action] of peerActions) expect(await codeOf(p, stranger, { [Tags.Action]: action }), action).toBe(ErrorCodes.NotPeer);
  });

  it("validation failures carry the code for what is wrong", async () => {
    const holder = w.holders[0];
    const cases: [AosProcess, string, Record<string, string>, ErrorCode][] = [
      [w.sys.tokenManager, holder, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: stranger, [Tags.Quantity]: "0" }, ErrorCodes.NotPositive],
      [w.sys.tokenManager, holder, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: stranger, [Tags.Quantity]: (2n ** 256n).toString() }, ErrorCodes.TooLarge],
      [w.sys.tokenManager, holder, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: stranger, [Tags.Quantity]: "1.5" }, ErrorCodes.Malformed],
      [w.sys.tokenManager, holder, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: stranger }, ErrorCodes.Missing],
      [w.sys.tokenManager, stranger, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: holder, [Tags.Quantity]: "1" }, ErrorCodes.InsufficientBalance],
      [w.sys.coordinator, holder, { [Tags.Action]: Actions.GetOperation, [Tags.RequestId]: "never-used" }, ErrorCodes.NotFound],
      [w.sys.stateManager, holder, { [Tags.Action]: Actions.GetHistory, [Tags.Limit]: "100000000" }, ErrorCodes.OutOfRange],
    ];
    for (const [p, from, tags, code] of cases) expect(await codeOf(p, from, tags), JSON.stringify(tags)).toBe(code);
  });
});
