/**
 * Automatic returns are bounded (libs/protocol ReturnLimits, libs/process-kit returns.ts): a process returns unsolicited
 * tokens to one sender at most ReturnLimits.perSender times per window; past that it keeps them as owed to that sender,
 * published under `owed-<sender>`, paid once on the sender's own Claim-Returns. A holder's single mistaken transfer is
 * still returned at once; a process that bounces every token back stops after a few rounds, at every TIM3 process.
 */
import { describe, expect, it } from "vitest";
import {
  Actions, CacheKeys, ErrorCodes, ReturnLimits, Tags, exposedName, owedKey, type OwedTokens,
} from "@tim3/protocol";
import { AosProcess, fundUsda, mintTim3, newId, type Delivered, type Tim3System } from "@tim3/testing";
import { bouncerLua, expectBackedAndConserved, received, usdaOf, world } from "./support";

function mistakenTransfer(sys: Tim3System, holder: string, quantity: string): Promise<Delivered[]> {
  return sys.network.send(holder, sys.usda.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: sys.lockManager.pid, [Tags.Quantity]: quantity });
}

function refundsTo(log: Delivered[], holder: string): string[] {
  return received(log, holder).filter((e) => e.tags[Tags.Action] === Actions.CreditNotice && e.tags[Tags.XAction] === Actions.Refund)
    .map((e) => e.tags[Tags.Quantity]);
}

/** The bouncer is funded (by `fund`) before it starts bouncing, or it would bounce its funding back. */
async function spawnBouncer(sys: Tim3System, token: string, target: string, fund: (pid: string) => Promise<unknown>): Promise<{ pid: string; owner: string }> {
  const owner = newId();
  const bouncer = await AosProcess.spawn({ owner, tags: { Name: "bouncer" } });
  sys.network.add(bouncer.pid, bouncer);
  await fund(bouncer.pid);
  await bouncer.eval(bouncerLua(token, target), sys.network.now());
  return { pid: bouncer.pid, owner };
}

describe("bounded returns", () => {
  it("a holder's single mistaken transfer is returned at once, and owes nothing", async () => {
    const w = await world(1);
    const [alice] = w.holders;
    const log = await mistakenTransfer(w.sys, alice, "7");
    expect(refundsTo(log, alice)).toEqual(["7"]);
    expect(w.sys.lockManager.readCache(owedKey(alice))).toBeUndefined();
    await expectBackedAndConserved(w);
  });

  it(`past ${ReturnLimits.perSender} returns in a window the rest is owed, shown, and paid exactly once on the sender's own claim`, async () => {
    const w = await world(1);
    const { sys } = w;
    const [alice] = w.holders;
    const lm = sys.lockManager;
    for (let i = 0; i < ReturnLimits.perSender; i++) expect(refundsTo(await mistakenTransfer(sys, alice, "10"), alice)).toEqual(["10"]);
    // The next two are kept: nothing goes back, the owed total is published for the console and counted as no backing.
    for (let i = 0; i < 2; i++) expect(refundsTo(await mistakenTransfer(sys, alice, "10"), alice)).toEqual([]);
    expect(await usdaOf(sys, alice)).toBe(w.funded[alice] - 20n);
    expect(lm.readCache(owedKey(alice)) as OwedTokens).toEqual([{ token: sys.usda.pid, quantity: "20" }]);
    const collateral = lm.readCache(CacheKeys.Collateral) as Record<string, string>;
    expect(collateral[exposedName("owed")]).toBe("20");
    expect(collateral[exposedName("locked")]).toBe("0");

    // Anyone else's claim, even naming alice, is refused and moves nothing.
    const mallory = newId();
    const refused = await sys.network.send(mallory, lm.pid, { [Tags.Action]: Actions.ClaimReturns, [Tags.Recipient]: alice, [Tags.Sender]: alice });
    expect(received(refused, mallory).map((e) => e.tags[Tags.ErrorCode])).toEqual([ErrorCodes.NothingOwed]);
    expect(refused.flatMap((d) => d.outbox).filter((o) => o.tags[Tags.Action] === Actions.Transfer)).toEqual([]);
    expect(lm.readCache(owedKey(alice)) as OwedTokens).toEqual([{ token: sys.usda.pid, quantity: "20" }]);

    // Alice's claim pays all of it in one transfer, with X-Action = Refund and a reason.
    const claim = await sys.network.send(alice, lm.pid, { [Tags.Action]: Actions.ClaimReturns });
    const paid = received(claim, alice).filter((e) => e.tags[Tags.Action] === Actions.CreditNotice);
    expect(paid.map((e) => [e.tags[Tags.Quantity], e.tags[Tags.XAction]])).toEqual([["20", Actions.Refund]]);
    expect(paid[0].tags[Tags.XReason]).toMatch(/Claim-Returns/);
    expect(await usdaOf(sys, alice)).toBe(w.funded[alice]);
    expect(lm.readCache(owedKey(alice))).toEqual([]);

    // The same claim delivered again, and its Transfer pushed again by a node, pay nothing more; a new claim is told.
    const claimEnvelope = claim[0].envelope;
    sys.network.requeue(claimEnvelope);
    const copies = sys.network.repush(claim[0], (o) => o.target === sys.usda.pid);
    expect(copies).toHaveLength(1);
    await sys.network.runUntilQuiet();
    const again = await sys.network.send(alice, lm.pid, { [Tags.Action]: Actions.ClaimReturns });
    expect(received(again, alice).map((e) => e.tags[Tags.ErrorCode])).toEqual([ErrorCodes.NothingOwed]);
    expect(await usdaOf(sys, alice)).toBe(w.funded[alice]);
    await expectBackedAndConserved(w);

    // A new window: a mistaken transfer is returned at once again.
    sys.network.advance(ReturnLimits.windowMs);
    expect(refundsTo(await mistakenTransfer(sys, alice, "3"), alice)).toEqual(["3"]);
  }, 120_000);

  it("the Token Manager and the Coordinator keep and pay back USDA and TIM3 the same way", async () => {
    const w = await world(1);
    const { sys } = w;
    const [alice] = w.holders;
    await mintTim3(sys, alice, "100");
    const cases = [
      { token: sys.usda.pid, target: sys.tokenManager.pid },
      { token: sys.tokenManager.pid, target: sys.tokenManager.pid },
      { token: sys.tokenManager.pid, target: sys.coordinator.pid },
    ];
    for (const c of cases) {
      // One window per sender at each process, whatever the token: each case starts a new one.
      sys.network.advance(ReturnLimits.windowMs);
      const sent: Delivered[] = [];
      for (let i = 0; i <= ReturnLimits.perSender; i++) {
        sent.push(...(await sys.network.send(alice, c.token, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: c.target, [Tags.Quantity]: "2" })));
      }
      expect(refundsTo(sent, alice), c.target).toHaveLength(ReturnLimits.perSender);
      const p = c.target === sys.tokenManager.pid ? sys.tokenManager : sys.coordinator;
      expect(p.readCache(owedKey(alice)) as OwedTokens).toEqual([{ token: c.token, quantity: "2" }]);
      const claim = await sys.network.send(alice, c.target, { [Tags.Action]: Actions.ClaimReturns });
      expect(refundsTo(claim, alice)).toEqual(["2"]);
      expect(p.readCache(owedKey(alice))).toEqual([]);
    }
    await expectBackedAndConserved(w);
  }, 120_000);

  it("a process bouncing every token back stops at the Token Manager and the Coordinator too (USDA and TIM3)", async () => {
    const w = await world(1);
    const { sys } = w;
    const [alice] = w.holders;
    await mintTim3(sys, alice, "10");
    const cases = [
      { name: "USDA at the Token Manager", token: sys.usda.pid, target: sys.tokenManager.pid, global: "TokenManager" },
      { name: "USDA at the Coordinator", token: sys.usda.pid, target: sys.coordinator.pid, global: "Coordinator" },
      { name: "TIM3 at the Coordinator", token: sys.tokenManager.pid, target: sys.coordinator.pid, global: "Coordinator" },
      { name: "TIM3 at the Lock Manager", token: sys.tokenManager.pid, target: sys.lockManager.pid, global: "LockManager" },
    ];
    for (const c of cases) {
      const bouncer = await spawnBouncer(sys, c.token, c.target, (pid) => c.token === sys.usda.pid ? fundUsda(sys, pid, "1")
        : sys.network.send(alice, sys.tokenManager.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: pid, [Tags.Quantity]: "1" }));
      sys.network.post(bouncer.owner, bouncer.pid, { [Tags.Action]: "Go" });
      const log = await sys.network.runUntilQuiet(400);
      const notices = log.filter((d) => d.envelope.target === c.target && d.envelope.from === c.token && d.envelope.tags[Tags.Action] === Actions.CreditNotice);
      expect(notices.length, c.name).toBe(ReturnLimits.perSender + 1);
      expect(await (c.global === "TokenManager" ? sys.tokenManager : c.global === "Coordinator" ? sys.coordinator : sys.lockManager)
        .read<Record<string, string>>(`${c.global}.core.owed["${bouncer.pid}"]`), c.name).toEqual({ [c.token]: "1" });
    }
    await expectBackedAndConserved(w, { [alice]: -2n });
  }, 180_000);
});
