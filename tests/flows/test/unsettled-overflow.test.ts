/**
 * Attack on what the admin's tools show: the Lock Manager publishes the transfers USDA has not confirmed
 * (`unsettled-transfers`, what the console's Unconfirmed transfers and `tim3 unsettled`/`tim3 resolve` read, with
 * USDA's verdict on each), at most 50 of them. Every USDA transfer to the Lock Manager without X-Action = Mint is
 * sent straight back and waits in that list for USDA's Debit-Notice; on AO that is the time the node takes to push it,
 * and a watcher can keep any of them open longer by racing a Transfer-Error for it. So anyone can fill the list for the
 * price of a few dust transfers, and a disputed release (the one transfer whose wrong verdict pays twice) disappeared
 * from the console while the Coordinator still showed the redeem disputed; the CLI then sent the admin's verdict on it
 * unchecked (tools/cli/test/resolve-unlisted.test.ts). Releases are listed first now.
 */
import { expect, it } from "vitest";
import { Actions, CacheKeys, OperationStatus, Tags, type UnsettledTransfer } from "@tim3/protocol";
import { operationOf, redeemAwaitingItsTransfer } from "./support";

it("a disputed release stays in the Lock Manager's unsettled list however many returns an attacker keeps in flight", async () => {
  const { w, victim, attacker, lm, usda, release, key } = await redeemAwaitingItsTransfer();
  const reference = key + "/" + release.id;
  const listed = () => ((w.sys.lockManager.readCache(CacheKeys.UnsettledTransfers) ?? []) as UnsettledTransfer[]).some((t) => t.reference === reference);
  // The watcher races a failing transfer echoing the release's reference: disputed, its real Transfer still on its way.
  await w.sys.network.send(attacker, usda, {
    [Tags.Action]: Actions.Transfer, [Tags.Recipient]: victim, [Tags.Quantity]: "50000000", "Reply-To": lm, [Tags.XReference]: reference,
  });
  expect((await operationOf(w.sys, victim, "v-r"))[Tags.Status]).toBe(OperationStatus.Disputed);
  expect(listed()).toBe(true);
  // Dust sent to the Lock Manager without X-Action: each is returned, its Transfer on its way like the release's.
  for (let sent = 0; sent < 200 && listed(); sent++) {
    await w.sys.network.send(attacker, usda, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: lm, [Tags.Quantity]: "1" });
  }
  expect(listed()).toBe(true);
}, 120_000);
