/**
 * Attack: a stranger's process that sends back every token it receives. The Lock Manager returns USDA that comes
 * without X-Action = Mint to its Sender (libs/process-kit misdirected returns work the same for the other TIM3
 * processes). A process that returns every Credit-Notice's tokens to their Sender, with no X-Action, and one transfer
 * of 1 base unit to the Lock Manager, starts a ping-pong that never ends: every bounce is a new Credit-Notice (a new
 * USDA Reference), so nothing in TIM3 recognises it, and each one costs the Lock Manager an evaluation, its state a
 * counted identity and its schedule a slot. For the price of one transfer the attacker keeps the Lock Manager's
 * scheduler busy for good (holders' mints and redeems queue behind the loop; pending past stale-after trips Mint).
 *
 * Fixed (PROTOCOL.md, "Returns are bounded"): the Lock Manager cannot tell a bouncer's transfer from a holder's
 * mistaken one, so it returns to the same sender at most ReturnLimits.perSender times per window and keeps the rest
 * as owed to it, paid on its own Claim-Returns. This test was `it.fails` (the loop never went quiet) before.
 * tests/flows/test/bounded-returns.test.ts covers the other processes, the claim and the common case.
 */
import { expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { AosProcess, fundUsda, newId } from "@tim3/testing";
import { bouncerLua, world } from "./support";

it("one transfer from a process that bounces every token back does not keep the Lock Manager busy for good", async () => {
  const { sys } = await world(1);
  const attacker = newId();
  const bouncer = await AosProcess.spawn({ owner: attacker, tags: { Name: "bouncer" } });
  await bouncer.eval(bouncerLua(sys.usda.pid, sys.lockManager.pid), sys.network.now());
  sys.network.add(bouncer.pid, bouncer);
  await fundUsda(sys, bouncer.pid, "1");
  sys.network.post(attacker, bouncer.pid, { [Tags.Action]: "Go" });
  // A holder's whole mint takes about a dozen deliveries; the return of one transfer, four.
  const log = await sys.network.runUntilQuiet(400);
  expect(log.filter((d) => d.envelope.target === sys.lockManager.pid && d.envelope.tags[Tags.Action] === Actions.CreditNotice).length).toBeLessThan(10);
}, 120_000);
