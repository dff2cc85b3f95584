/**
 * Attack: a wallet's Transfer refused while the wallet held nothing, delivered again once it holds enough. A wallet's
 * signed Transfer can be assigned again at any time (HyperBEAM `dev_scheduler_server.erl` `do_assign` does not look
 * for an earlier assignment), and only the bounded memory of identities (2,000, flushable with junk) stops a copy of a
 * message that moved nothing. The token remembers a refusal for good-enough only for a sender that holds something
 * there or moved value there (`ProcessCore.refused`, libs/process-kit/src/core.ts `rememberRefusal`): a stranger's
 * refused Transfer is kept nowhere, by design ("Nothing a stranger does for free may be kept for good").
 *
 * What a holder notices: a wallet asks to pay a merchant 100 TIM3 right after starting its first mint (its TIM3 has not
 * landed: Transfer-Error, Insufficient balance), then pays again once the mint lands. The merchant flushes the Token
 * Manager's memory with junk and has the first, refused Transfer assigned again: it now passes, and the holder has
 * paid twice. The same holds for USDA in mock-usda (same token code).
 *
 * A documented limit of the token (PROTOCOL.md, "A refused Transfer from a sender that held nothing can go through
 * later": no bounded record can close it, since the refusal is free and comes before the funding). What TIM3 can do is
 * on the client's side: the SDK now signs no TIM3 Transfer while the wallet holds none
 * (libs/sdk/test/unfunded-transfer.test.ts); a wallet that signs one elsewhere stays exposed, as here. Marked
 * `it.fails`: it shows the exposure and fails the day the token closes it.
 */
import { expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { deployTim3, fundUsda, mintTim3, newId } from "@tim3/testing";
import { flushWithJunk, tim3Of } from "./support";

/** Bounded memories shrunk at deployment: the flush takes MEMORY + 1 junk messages, not 2,001 (same forgetting). */
const MEMORY = 4;

it.fails("a Transfer refused while its sender held nothing stays refused once the sender holds enough (holder pays once)", async () => {
  const sys = await deployTim3({ memoryCapacity: MEMORY });
  const [alice, merchant] = [newId(), newId()];
  await fundUsda(sys, alice, "1000000");
  const w = { sys };
  const tm = sys.tokenManager.pid;
  const pay = { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: merchant, [Tags.Quantity]: "100" };
  // Alice pays before her first mint has landed: refused.
  const first = await w.sys.network.send(alice, tm, pay);
  expect(first.some((d) => d.envelope.target === alice && d.envelope.tags[Tags.Action] === Actions.TransferError)).toBe(true);
  await mintTim3(w.sys, alice, "200", "m1");
  // She pays again, once: the merchant has its 100.
  await w.sys.network.send(alice, tm, pay);
  expect(await tim3Of(w.sys, merchant)).toBe(100n);
  // The merchant flushes the Token Manager's memory and has Alice's first, refused Transfer assigned again.
  await flushWithJunk(w.sys, tm, MEMORY + 1);
  await w.sys.network.sendEnvelope(first[0].envelope);
  expect(await tim3Of(w.sys, merchant)).toBe(100n);
  expect(await tim3Of(w.sys, alice)).toBe(100n);
}, 120_000);
