import { expect, it } from "vitest";
import { deployTim3, fundUsda, holdings, invariantViolations, mintTim3, newId, redeemTim3 } from "@tim3/testing";

it("smoke", async () => {
  const sys = await deployTim3();
  const alice = newId();
  await fundUsda(sys, alice, "1000");
  const log = await mintTim3(sys, alice, "400", "req-1");
  for (const d of log) console.log(d.envelope.depth, d.envelope.tags.Action, d.envelope.target.slice(0, 6), JSON.stringify(d.envelope.tags).slice(0, 200));
  console.log(await holdings(sys));
  const log2 = await redeemTim3(sys, alice, "150", "req-2");
  for (const d of log2) console.log(d.envelope.depth, d.envelope.tags.Action, d.envelope.target.slice(0, 6), JSON.stringify(d.envelope.tags).slice(0, 200));
  console.log(await holdings(sys), await invariantViolations(sys));
  expect(await invariantViolations(sys)).toEqual([]);
});
