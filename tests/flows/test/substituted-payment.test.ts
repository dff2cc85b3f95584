/**
 * Issue 24, the long fuzz's finding (seed 1141074154): a release confirmed by USDA's Debit-Notice for someone else's
 * transfer. The Lock Manager takes any Debit-Notice from USDA that echoes the release's reference, for its recipient
 * and quantity (processes/lock-manager/src/handlers/releases.ts, `usdaDebitNotice`). A watcher of its scheduler can
 * make USDA send one by paying the redeemer that quantity itself (Reply-To = the Lock Manager). That is a real payment
 * to the right holder: these tests show, in the aos module, that whatever USDA then does with the Lock Manager's own
 * Transfer, the redeemer is paid at least once and the backing is never short: refused, the USDA stays at the Lock
 * Manager beyond its ledger (surplus); paid, the redeemer keeps the watcher's gift. (The fuzz's checker had counted
 * only the Lock Manager's own Transfer as a confirmation; PROTOCOL.md, "Disputed releases".)
 */
import { describe, expect, it } from "vitest";
import { Actions, CacheKeys, OperationStatus, Tags } from "@tim3/protocol";
import { holdings, setUsdaBalance } from "@tim3/testing";
import { expectBackedAndConserved, operationOf, redeemAwaitingItsTransfer, tim3Of, usdaOf } from "./support";

/** The victim's redeem of 50 with its Transfer held, then the watcher pays the victim 50 with the release's reference. */
async function paidByTheWatcher() {
  const ctx = await redeemAwaitingItsTransfer();
  const { w, victim, attacker, lm, usda, release } = ctx;
  const reference = release.tags[Tags.Operation] + "/" + release.id;
  await w.sys.network.send(attacker, usda, {
    [Tags.Action]: Actions.Transfer, [Tags.Recipient]: victim, [Tags.Quantity]: "50", [Tags.ReplyTo]: lm, [Tags.XReference]: reference,
  });
  // A real payment of the release's quantity to its recipient, echoing its reference: the redeem is complete.
  expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Completed);
  return ctx;
}

describe("a release confirmed by a payment someone else made to the redeemer (blueprint-like USDA)", () => {
  it("when USDA then refuses the Lock Manager's own Transfer: the redeemer is paid once, the USDA stays as surplus, nothing is disputed", async () => {
    const { w, victim, attacker, lm } = await paidByTheWatcher();
    // The Lock Manager's USDA is gone when its own Transfer reaches USDA (taken outside TIM3), then comes back.
    const before = await usdaOf(w.sys, lm);
    await setUsdaBalance(w.sys, lm, "0");
    w.sys.network.release();
    const log = await w.sys.network.runUntilQuiet();
    expect(log.some((d) => d.envelope.from === lm && d.outbox.some((o) => o.tags[Tags.Action] === Actions.TransferError))).toBe(true);
    await setUsdaBalance(w.sys, lm, before.toString());
    // USDA's Transfer-Error for the reference arrived after the confirmation: it re-opens nothing.
    expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Completed);
    expect(await w.sys.lockManager.read<string>("LockManager.disputed")).toBe("0");
    expect(w.sys.lockManager.readCache(CacheKeys.UnsettledTransfers) ?? []).toEqual([]);
    expect((await w.sys.stateManager.read<{ tripped: boolean }>("StateManager.breaker")).tripped).toBe(false);
    // Paid once, by the watcher; its 50 TIM3 burned.
    expect(await usdaOf(w.sys, victim)).toBe(1_000_000n - 100n + 50n);
    expect(await tim3Of(w.sys, victim)).toBe(50n);
    // The release's USDA never left: the Lock Manager holds it beyond its ledger, never short.
    const h = await holdings(w.sys);
    expect(BigInt(h.usda[lm] ?? "0") - BigInt(h.locked)).toBe(50n);
    await expectBackedAndConserved(w, { [attacker]: -50n });
  });

  it("when USDA then pays the Lock Manager's own Transfer: the redeemer keeps both, the backing is exact", async () => {
    const { w, victim, attacker, lm } = await paidByTheWatcher();
    w.sys.network.release();
    await w.sys.network.runUntilQuiet();
    expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Completed);
    expect(await usdaOf(w.sys, victim)).toBe(1_000_000n - 100n + 50n + 50n);
    const h = await holdings(w.sys);
    expect(BigInt(h.usda[lm] ?? "0")).toBe(BigInt(h.locked));
    await expectBackedAndConserved(w, { [victim]: 50n, [attacker]: -50n });
  });
});
