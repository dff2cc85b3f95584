import { describe, expect, it } from "vitest";
import { Actions, OperationStatus, Tags, errorActionFor } from "@tim3/protocol";
import { holdings, mintTim3, redeemTim3 } from "@tim3/testing";
import { adminSend, expectBackedAndConserved, operationOf, tim3Of, usdaOf, world } from "./support";

describe("an operation stuck by a lost message is settled by the admin, never paid twice", () => {
  it("a mint whose Mint-Tim3 was lost completes on Settle-Operation; the late original mints nothing more", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    w.sys.network.hold((e) => e.tags[Tags.Action] === Actions.MintTim3);
    await mintTim3(w.sys, alice, "700", "lost-mint");
    expect((await operationOf(w.sys, alice, "lost-mint"))[Tags.Status]).toBe(OperationStatus.Pending);
    const late = w.sys.network.held;
    w.sys.network.hold(() => false);
    const done = await adminSend(w, w.sys.coordinator.pid, { [Tags.Action]: Actions.SettleOperation, [Tags.RequestId]: "lost-mint" });
    expect(done?.tags[Tags.Action]).toBe(Actions.SettleOperationDone);
    expect((await operationOf(w.sys, alice, "lost-mint"))[Tags.Status]).toBe(OperationStatus.Completed);
    expect(await tim3Of(w.sys, alice)).toBe(700n);
    const [audit] = await w.sys.network.query(w.sys.admin, w.sys.coordinator.pid, { [Tags.Action]: Actions.GetAuditLog, [Tags.Limit]: "1" });
    expect(JSON.parse(audit.data)[0]).toMatchObject({ action: Actions.SettleOperation, by: w.sys.admin, detail: "lost-mint (mint, 1 step(s) re-sent)" });
    for (const e of late) await w.sys.network.sendEnvelope(e);
    expect(await tim3Of(w.sys, alice)).toBe(700n);
    await expectBackedAndConserved(w);
  });

  it("a redeem whose Release was lost completes on Settle-Operation; the late original pays nothing more", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    await mintTim3(w.sys, alice, "1000");
    w.sys.network.hold((e) => e.tags[Tags.Action] === Actions.Release);
    await redeemTim3(w.sys, alice, "400", "lost-release");
    expect((await holdings(w.sys)).tim3Supply).toBe("600");
    const late = w.sys.network.held;
    w.sys.network.hold(() => false);
    await adminSend(w, w.sys.coordinator.pid, { [Tags.Action]: Actions.SettleOperation, [Tags.RequestId]: "lost-release" });
    expect((await operationOf(w.sys, alice, "lost-release"))[Tags.Status]).toBe(OperationStatus.Completed);
    expect(await usdaOf(w.sys, alice)).toBe(1_000_000n - 600n);
    for (const e of late) await w.sys.network.sendEnvelope(e);
    expect(await usdaOf(w.sys, alice)).toBe(1_000_000n - 600n);
    await expectBackedAndConserved(w);
  });

  it("only the admin may settle, and only a pending operation; each settlement is in the audit log", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    await mintTim3(w.sys, alice, "5", "done-already");
    const log = await w.sys.network.send(alice, w.sys.coordinator.pid, { [Tags.Action]: Actions.SettleOperation, [Tags.RequestId]: "done-already" });
    expect(log.find((d) => d.envelope.target === alice)?.envelope.tags[Tags.Action]).toBe(errorActionFor(Actions.SettleOperation));
    const refused = await adminSend(w, w.sys.coordinator.pid, { [Tags.Action]: Actions.SettleOperation, [Tags.RequestId]: "done-already" });
    expect(refused?.tags[Tags.Error]).toBe("Operation done-already is already completed");
    const [audit] = await w.sys.network.query(w.sys.admin, w.sys.coordinator.pid, { [Tags.Action]: Actions.GetAuditLog });
    // Refused settlements change nothing: the log still holds only the deployment's Configure.
    expect(JSON.parse(audit.data).map((e: { action: string }) => e.action)).toEqual([Actions.Configure]);
    await expectBackedAndConserved(w);
  });
});
