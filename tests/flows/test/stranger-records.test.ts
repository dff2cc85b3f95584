/**
 * What a stranger's free round trip leaves behind (issue 24): a transfer returned for lack of X-Action, or refused,
 * costs its sender nothing, so it may keep its exactly-once key and nothing more for good; its user-chosen tags are
 * checked for size and never stored at any length.
 */
import { describe, expect, it } from "vitest";
import { Actions, ErrorCodes, ReturnLimits, Scopes, Tags, errorActionFor } from "@tim3/protocol";
import { deployTim3, fundUsda, mintTim3, newId, redeemTim3, type AosProcess, type Delivered } from "@tim3/testing";
import { received } from "./support";

const LONG = "x".repeat(3000);
/** One exactly-once key (a 43-character id and a short value in a Lua table: 150 to 350 bytes with the table growing); it was 3,731 bytes. */
const KEY_BYTES = 400;

async function heapBytes(p: AosProcess): Promise<number> {
  return 1024 * Number(await p.eval(`collectgarbage("collect"); collectgarbage("collect"); print(string.format("%.3f", collectgarbage("count")))`));
}

describe("records a stranger can cause", () => {
  it("a transfer returned for lack of X-Action keeps at most one key's bytes, whatever its X-Request-Id", async () => {
    // Bounded memories (ids, the newest returns) shrunk to 10 entries, so the warm-up fills them: what is measured is
    // what is kept for good.
    const sys = await deployTim3({ memoryCapacity: 10 });
    const mallory = newId();
    await fundUsda(sys, mallory, "1000000");
    await mintTim3(sys, mallory, "1000");
    const returns = 100;
    const send = (i: number) => {
      sys.network.post(mallory, sys.usda.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: sys.lockManager.pid, [Tags.Quantity]: "1", [Tags.XRequestId]: LONG + i });
      sys.network.post(mallory, sys.tokenManager.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: sys.coordinator.pid, [Tags.Quantity]: "1", [Tags.XRequestId]: LONG + i });
    };
    for (let i = 0; i < 20; i++) {
      sys.network.advance(ReturnLimits.windowMs);
      send(i);
      await sys.network.runUntilQuiet(100_000);
    }
    const before = [await heapBytes(sys.lockManager), await heapBytes(sys.coordinator)];
    // Each pair in a new return window (ReturnLimits): every one is returned, none kept as owed.
    const log: Delivered[] = [];
    for (let i = 20; i < 20 + returns; i++) {
      sys.network.advance(ReturnLimits.windowMs);
      send(i);
      log.push(...(await sys.network.runUntilQuiet(100_000)));
    }
    const after = [await heapBytes(sys.lockManager), await heapBytes(sys.coordinator)];
    // Returned, with the reason, and the oversized id is not echoed back.
    const refunds = received(log, mallory).filter((e) => e.tags[Tags.XAction] === Actions.Refund);
    expect(refunds).toHaveLength(2 * returns);
    expect(refunds.every((e) => e.tags[Tags.XReason] !== undefined && e.tags[Tags.XRequestId] === undefined)).toBe(true);
    expect((after[0] - before[0]) / returns, "Lock Manager bytes per return").toBeLessThanOrEqual(KEY_BYTES);
    expect((after[1] - before[1]) / returns, "Coordinator bytes per return").toBeLessThanOrEqual(KEY_BYTES);
    expect(await sys.tokenManager.read(`TokenManager.ledger.balances["${mallory}"]`)).toBe("1000");
  });

  it("a refused request's label and its holder's list go with its record; the request id can then start a new operation", async () => {
    // Every bounded memory shrunk to 5 entries: what is forgotten after 5 is what would be after the real capacity.
    const sys = await deployTim3({ memoryCapacity: 5 });
    const [alice, strangers] = [newId(), Array.from({ length: 12 }, () => newId())];
    await fundUsda(sys, alice, "1000000");
    await mintTim3(sys, alice, "1000", "a-m");
    await sys.network.send(sys.admin, sys.coordinator.pid, { [Tags.Action]: Actions.SetLimits, [Tags.Scope]: Scopes.Redeem, [Tags.Min]: "2" });
    await redeemTim3(sys, alice, "1", "again");
    for (const s of strangers) {
      await sys.network.send(alice, sys.tokenManager.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: s, [Tags.Quantity]: "1" });
      await redeemTim3(sys, s, "1", "r".repeat(128));
    }
    const labels = await sys.coordinator.read<Record<string, string>>("Coordinator.labels");
    const byHolder = await sys.coordinator.read<Record<string, unknown>>("Coordinator.byHolder");
    expect(Object.keys(labels).length).toBeLessThanOrEqual(5 + 1);
    expect(Object.keys(byHolder).length).toBeLessThanOrEqual(5 + 1);
    // Alice's refused "again" is forgotten: the label starts a new operation, which completes.
    await sys.network.send(sys.admin, sys.coordinator.pid, { [Tags.Action]: Actions.SetLimits, [Tags.Scope]: Scopes.Redeem, [Tags.Min]: "1" });
    await redeemTim3(sys, alice, "3", "again");
    const [op] = await sys.network.query(alice, sys.coordinator.pid, { [Tags.Action]: Actions.GetOperation, [Tags.RequestId]: "again" });
    expect([op.tags[Tags.Status], op.tags[Tags.Quantity] ?? JSON.parse(op.data).quantity]).toEqual(["completed", "3"]);
  });

  it("Get-Operation with an oversized Request-Id is refused as Malformed", async () => {
    const sys = await deployTim3();
    const [reply] = await sys.network.query(newId(), sys.coordinator.pid, { [Tags.Action]: Actions.GetOperation, [Tags.RequestId]: LONG });
    expect(reply.tags[Tags.Action]).toBe(errorActionFor(Actions.GetOperation));
    expect(reply.tags[Tags.ErrorCode]).toBe(ErrorCodes.Malformed);
  });
});
