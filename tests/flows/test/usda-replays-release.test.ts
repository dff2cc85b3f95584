/**
 * Attack outside TIM3's reach: anyone can ask a node to push a slot's outbox again (HyperBEAM `dev_push.erl`,
 * `push/3` with `slot`), and the copies are relayed under the node's key with the sender's tags, `Reference`
 * included. TIM3's processes count such a copy once (its identity, `core.counted`); a USDA that behaves like the aos
 * token blueprint remembers nothing and pays the Lock Manager's release Transfer a second time, out of the USDA held
 * for other holders. The Lock Manager cannot take back a Transfer it sent, so the guarantee left is that the shortfall
 * is seen: the next balance reading (Sync-Balance, which anyone may send) shows USDA below the ledger, and the breaker
 * pauses Mint. Whether mainnet USDA de-duplicates by From + Reference decides whether this is a risk there: OPEN, to
 * be checked against the real USDA before launch (reported, not fixable in TIM3).
 */
import { expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { invariantViolations, mintTim3, newId, redeemTim3, type Delivered } from "@tim3/testing";
import { usdaOf, world } from "./support";

it("a release Transfer pushed again into a blueprint-like USDA pays twice, and the next balance reading pauses Mint", async () => {
  const w = await world(2, 1_000_000n, undefined, "blueprint");
  const [alice, bob] = w.holders;
  const { sys } = w;
  const lm = sys.lockManager.pid;
  await mintTim3(sys, alice, "100", "a-m");
  await mintTim3(sys, bob, "100", "b-m");
  const log = await redeemTim3(sys, alice, "50", "a-r");
  const releasing = log.find((d: Delivered) => d.envelope.target === lm && d.outbox.some((o) => o.target === sys.usda.pid && o.tags[Tags.Action] === Actions.Transfer));
  expect(releasing).toBeDefined();
  expect(await usdaOf(sys, alice)).toBe(1_000_000n - 50n);
  // Anyone: push the Lock Manager's slot again.
  sys.network.repush(releasing as Delivered, (o) => o.target === sys.usda.pid);
  await sys.network.runUntilQuiet();
  // The blueprint-like USDA paid the copy: Alice has 50 USDA more, taken from the USDA held for Bob.
  expect(await usdaOf(sys, alice)).toBe(1_000_000n);
  expect(await invariantViolations(sys)).toEqual(["Lock Manager holds 100 USDA but counts 150"]);
  await sys.network.send(newId(), lm, { [Tags.Action]: Actions.SyncBalance });
  expect(await sys.coordinator.read("Coordinator.circuit")).toMatchObject({ mintPaused: true });
}, 120_000);
