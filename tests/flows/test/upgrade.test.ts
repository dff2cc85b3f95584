/** Upgrading a process re-evaluates a new bundle into it: its state stays, and Info reports the new source hash. */
import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { loadBundle, mintTim3, redeemTim3 } from "@tim3/testing";
import { expectBackedAndConserved, world } from "./support";

it("a re-evaluated Token Manager keeps every balance and reports the new bundle's hash", async () => {
  const w = await world(1);
  const [alice] = w.holders;
  await mintTim3(w.sys, alice, "300");
  const bundle = loadBundle("token-manager");
  const [firstLine, ...rest] = bundle.split("\n");
  const body = rest.join("\n") + "\n-- upgraded\n";
  const upgraded = firstLine.replace(/sourceHash = "[0-9a-f]+"/, `sourceHash = "${createHash("sha256").update(body).digest("hex")}"`) + "\n" + body;
  await w.sys.tokenManager.eval(upgraded, w.sys.network.now());
  const [info] = await w.sys.network.query(alice, w.sys.tokenManager.pid, { [Tags.Action]: Actions.Info });
  expect(info.tags[Tags.SourceHash]).toBe(createHash("sha256").update(body).digest("hex"));
  expect(await w.sys.tokenManager.read("TokenManager.ledger.balances")).toEqual({ [alice]: "300" });
  await redeemTim3(w.sys, alice, "100");
  await expectBackedAndConserved(w);
});

it("an upgrade adds the fields a newer version introduced, keeping everything else", async () => {
  const w = await world(1);
  const [alice] = w.holders;
  await mintTim3(w.sys, alice, "50");
  // A State Manager deployed before reports carried the Lock Manager's held USDA had no such field.
  await w.sys.stateManager.eval("StateManager.reports.held = nil", w.sys.network.now());
  await w.sys.stateManager.eval(loadBundle("state-manager"), w.sys.network.now());
  expect(await w.sys.stateManager.read("StateManager.reports.held")).toBe("");
  const [reply] = await w.sys.network.query(alice, w.sys.stateManager.pid, { [Tags.Action]: Actions.GetReserves });
  expect(reply.tags[Tags.Supply]).toBe("50");
  expect(reply.tags[Tags.Health]).toBe("100");
});
