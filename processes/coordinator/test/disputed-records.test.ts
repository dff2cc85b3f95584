/**
 * The bound on the Coordinator's operation records holds across disputes: a disputed redeem's record is kept while
 * it is disputed however many operations finish meanwhile, and once resolved it is forgotten after
 * FINISHED_OPERATION_MEMORY further finished operations, like any other (never kept for good).
 */
import { describe, expect, it } from "vitest";
import { Actions, OperationKind, OperationStatus, PeerTags, Tags } from "@tim3/protocol";
import { type Message } from "@tim3/process-kit";
import { pendingOperationsView } from "../src/handlers/queries";
import { releaseDisputed, releaseFailed, released, tim3Burned } from "../src/handlers/redeem-flow";
import { finishOperation, openOperation, refusedOperation } from "../src/flows/operations";
import { FINISHED_OPERATION_MEMORY, newCoordinatorState, type CoordinatorState } from "../src/state";

const ADMIN = "A".repeat(43), ALICE = "a".repeat(43), BOB = "b".repeat(43);
const LOCK_MANAGER = "L".repeat(43), TOKEN_MANAGER = "T".repeat(43);
let ids = 0;

function system(): CoordinatorState {
  const s = newCoordinatorState(ADMIN, "1", "h");
  s.core.peers[PeerTags.LockManager] = LOCK_MANAGER;
  s.core.peers[PeerTags.TokenManager] = TOKEN_MANAGER;
  return s;
}

/** A message from a peer, as the aos wiring hands it to a handler. */
function from(peer: string, action: string, tags: Record<string, string>): Message {
  ids++;
  return { id: `m${ids}`, from: peer, owner: peer, timestamp: ids, tags: { [Tags.Action]: action, ...tags }, data: "" };
}

/** The Lock Manager's answer about redeem `key` (Release-Disputed, Released, Release-Failed), as it sends it. */
function lockManagerSays(s: CoordinatorState, action: string, key: string, handler: typeof released): void {
  const msg = from(LOCK_MANAGER, action, { [Tags.Operation]: key, [Tags.Recipient]: ALICE, [Tags.Quantity]: "5", [Tags.RequestId]: "r", [Tags.Reason]: "x" });
  handler(s, msg, { self: "C".repeat(43), now: msg.timestamp });
}

/** `n` other operations finish (refused redeems of another holder). */
function othersFinish(s: CoordinatorState, n: number, tag: string): void {
  for (let i = 0; i < n; i++) refusedOperation(s, `${tag}${i}`, `${tag}${i}`, OperationKind.Redeem, BOB, "1", "no", 3);
}

function pendingRedeem(s: CoordinatorState, key: string): void {
  openOperation(s, key, "r", OperationKind.Redeem, ALICE, "5", 1);
}

describe("disputed operation records", () => {
  it("a redeem disputed while pending is kept through any number of finished operations, and forgotten within the bound once resolved", () => {
    const s = system();
    pendingRedeem(s, "d");
    lockManagerSays(s, Actions.ReleaseDisputed, "d", releaseDisputed);
    expect(s.operations["d"]?.status).toBe(OperationStatus.Disputed);
    // More operations finish during the dispute than the finished-operations memory holds.
    othersFinish(s, FINISHED_OPERATION_MEMORY + 5, "x");
    expect(s.operations["d"]?.status).toBe(OperationStatus.Disputed);
    expect(pendingOperationsView(s, s.disputed).map((o) => o.operation)).toEqual(["d"]);
    // Resolved (USDA's Debit-Notice, or the admin): a finished operation like any other from here on.
    lockManagerSays(s, Actions.Released, "d", released);
    expect(s.operations["d"]?.status).toBe(OperationStatus.Completed);
    othersFinish(s, FINISHED_OPERATION_MEMORY - 1, "y");
    expect(s.operations["d"]?.status).toBe(OperationStatus.Completed);
    othersFinish(s, 1, "z");
    expect(s.operations["d"]).toBeUndefined();
    expect(s.settled["d"]).toBe(OperationStatus.Completed);
    expect(Object.keys(s.operations)).toHaveLength(FINISHED_OPERATION_MEMORY);
  });

  it("a redeem completed and then disputed outlives its first slot while disputed, and is forgotten within the bound after its resolution", () => {
    const s = system();
    pendingRedeem(s, "d");
    tim3Burned(s, from(TOKEN_MANAGER, Actions.Tim3Burned, { [Tags.Operation]: "d" }), { self: "C", now: 2 });
    lockManagerSays(s, Actions.Released, "d", released);
    expect(s.operations["d"]?.status).toBe(OperationStatus.Completed);
    lockManagerSays(s, Actions.ReleaseDisputed, "d", releaseDisputed);
    othersFinish(s, FINISHED_OPERATION_MEMORY, "x");
    expect(s.operations["d"]?.status).toBe(OperationStatus.Disputed);
    lockManagerSays(s, Actions.ReleaseFailed, "d", releaseFailed);
    expect(s.operations["d"]?.status).toBe(OperationStatus.Refunded);
    othersFinish(s, FINISHED_OPERATION_MEMORY - 1, "y");
    expect(s.operations["d"]?.status).toBe(OperationStatus.Refunded);
    othersFinish(s, 1, "z");
    expect(s.operations["d"]).toBeUndefined();
    expect(Object.keys(s.operations)).toHaveLength(FINISHED_OPERATION_MEMORY);
  });

  it("a redeem resolved soon after its dispute is kept for the bound counted from its resolution, not from its first outcome", () => {
    const s = system();
    pendingRedeem(s, "d");
    tim3Burned(s, from(TOKEN_MANAGER, Actions.Tim3Burned, { [Tags.Operation]: "d" }), { self: "C", now: 2 });
    lockManagerSays(s, Actions.Released, "d", released);
    othersFinish(s, 10, "w");
    lockManagerSays(s, Actions.ReleaseDisputed, "d", releaseDisputed);
    lockManagerSays(s, Actions.Released, "d", released);
    othersFinish(s, FINISHED_OPERATION_MEMORY - 1, "x");
    expect(s.operations["d"]?.status).toBe(OperationStatus.Completed);
    othersFinish(s, 1, "y");
    expect(s.operations["d"]).toBeUndefined();
  });

  it("a redeem disputed after its record was forgotten gets its record back, so every open dispute is listed", () => {
    const s = system();
    const op = openOperation(s, "d", "r", OperationKind.Redeem, ALICE, "5", 1);
    finishOperation(s, op, OperationStatus.Completed, undefined, 2);
    othersFinish(s, FINISHED_OPERATION_MEMORY, "x");
    expect(s.operations["d"]).toBeUndefined();
    lockManagerSays(s, Actions.ReleaseDisputed, "d", releaseDisputed);
    const listed = pendingOperationsView(s, s.disputed);
    expect(listed.map((o) => [o.operation, o.holder, o.quantity, o.requestId, o.kind, o.status])).toEqual([
      ["d", ALICE, "5", "r", OperationKind.Redeem, OperationStatus.Disputed],
    ]);
    lockManagerSays(s, Actions.Released, "d", released);
    expect(s.settled["d"]).toBe(OperationStatus.Completed);
    othersFinish(s, FINISHED_OPERATION_MEMORY, "y");
    expect(s.operations["d"]).toBeUndefined();
  });
});
