/**
 * Issue 12, class 7: evicted records. A refusal's refund may reach the Lock Manager after any number of other
 * deposits; its deposit record must still be there, so "refunded" is never a false claim.
 */
import { describe, expect, it } from "vitest";
import { Actions, OperationStatus, Tags } from "@tim3/protocol";
import { mintTim3, shrinkBoundedMemories } from "@tim3/testing";
import { adminSend, expectBackedAndConserved, operationOf, tim3Of, usdaOf, world } from "./support";

describe("records a value-moving message refers to are never forgotten", () => {
  it("a refused deposit is refunded even when many deposits land between the refusal and its refund", async () => {
    const w = await world(2);
    const [victim, other] = w.holders;
    await shrinkBoundedMemories(w.sys.lockManager, "LockManager", 2, ["core.seen.ring", "core.audit"]);
    await adminSend(w, w.sys.stateManager.pid, { [Tags.Action]: Actions.Pause, [Tags.Scope]: "Mint" });
    w.sys.network.hold((e) => e.tags[Tags.Action] === Actions.RefundDeposit);
    await mintTim3(w.sys, victim, "100", "v-1");
    await adminSend(w, w.sys.stateManager.pid, { [Tags.Action]: Actions.Resume, [Tags.Scope]: "Mint" });
    for (let i = 0; i < 3; i++) await mintTim3(w.sys, other, "1", `o-${i}`);
    w.sys.network.release();
    await w.sys.network.runUntilQuiet();
    expect((await operationOf(w.sys, victim, "v-1"))[Tags.Status]).toBe(OperationStatus.Refunded);
    expect(await usdaOf(w.sys, victim)).toBe(1_000_000n);
    expect(await tim3Of(w.sys, other)).toBe(3n);
    await expectBackedAndConserved(w);
  });
});
