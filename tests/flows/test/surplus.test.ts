import { expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { holdings, mintTim3 } from "@tim3/testing";
import { expectBackedAndConserved, world } from "./support";

it("USDA cast to the Lock Manager outside the protocol is shown as a surplus, never counted as backing", async () => {
  const w = await world(2);
  const [alice, bob] = w.holders;
  await mintTim3(w.sys, alice, "1000");
  // A Cast transfer sends no Credit-Notice: the Lock Manager never hears of it.
  await w.sys.network.send(bob, w.sys.usda.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: w.sys.lockManager.pid, [Tags.Quantity]: "77", [Tags.Cast]: "true" });
  expect((await holdings(w.sys)).locked).toBe("1000");
  await w.sys.network.send(bob, w.sys.lockManager.pid, { [Tags.Action]: Actions.SyncBalance });
  const [reply] = await w.sys.network.query(alice, w.sys.stateManager.pid, { [Tags.Action]: Actions.GetReserves });
  const reserves = JSON.parse(reply.data);
  expect(reserves).toMatchObject({ supply: "1000", collateral: "1000", held: "1077", outsideSurplus: "77", ratioBps: "10000", health: 100 });
  // Bob gave the USDA away outside the protocol; everyone else's funds and the backing are exact.
  await expectBackedAndConserved(w, { [bob]: -77n });
});
