/**
 * After deployment no key but the admin's can Eval, and rotating the admin with Configure rotates that power: the
 * aos Owner follows Admin. A rotated-away deploy key that tries to Eval the Lock Manager's USDA away is refused and
 * moves nothing; the new admin still upgrades by Eval. Info shows the Owner on every process.
 */
import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { Actions, PeerTags, Tags } from "@tim3/protocol";
import { PROCESS_NAMES, loadBundle, mintTim3, newId, type Tim3System } from "@tim3/testing";
import { world } from "./support";

/**
 * The processes whose keys TIM3 deploys and rotates. The USDA is one of them only when it is TIM3's own mock-usda;
 * a real-world USDA (the blueprint-like double, TIM3_USDA=blueprint) is a third party's token: it has no Configure,
 * its Info shows no Owner, and rotating its keys is not TIM3's to do.
 */
function ownProcesses(sys: Tim3System): readonly (typeof PROCESS_NAMES)[number][] {
  return sys.usdaKind === "blueprint" ? PROCESS_NAMES.filter((name) => name !== "mock-usda") : PROCESS_NAMES;
}

/** A bundle with a changed body and a matching stamp: a new version as tim3-deploy would load it. */
function upgradedBundle(lua: string): { lua: string; hash: string } {
  const [firstLine, ...rest] = lua.split("\n");
  const body = rest.join("\n") + "\n-- security fix\n";
  const hash = createHash("sha256").update(body).digest("hex");
  return { lua: firstLine.replace(/sourceHash = "[0-9a-f]+"/, `sourceHash = "${hash}"`) + "\n" + body, hash };
}

it("Info shows the Owner, and the Owner is the Admin, on every process", async () => {
  const { sys, holders } = await world(1);
  for (const name of ownProcesses(sys)) {
    const [info] = await sys.network.query(holders[0], sys.processes[name].pid, { [Tags.Action]: Actions.Info });
    expect(info.tags[Tags.Owner], name).toBe(sys.admin);
    expect(info.tags[PeerTags.Admin], name).toBe(sys.admin);
  }
});

it("a rotated-away deploy key cannot Eval the Lock Manager's USDA away; the new admin still upgrades", async () => {
  const { sys, holders } = await world(1);
  const [alice] = holders;
  await mintTim3(sys, alice, "500");
  const deployKey = sys.admin;
  const newAdmin = newId();
  for (const name of ownProcesses(sys)) {
    const log = await sys.network.send(deployKey, sys.processes[name].pid, { [Tags.Action]: Actions.Configure, [PeerTags.Admin]: newAdmin });
    expect(log.flatMap((d) => d.outbox).find((o) => o.target === deployKey)?.tags[Tags.Action], name).toBe(Actions.ConfigureDone);
    const [info] = await sys.network.query(alice, sys.processes[name].pid, { [Tags.Action]: Actions.Info });
    expect(info.tags[Tags.Owner], name).toBe(newAdmin);
  }

  const drain = `Send({ Target = "${sys.usda.pid}", Action = "Transfer", Recipient = "${deployKey}", Quantity = "500" })`;
  const attempt = await sys.network.send(deployKey, sys.lockManager.pid, { [Tags.Action]: Actions.Eval }, drain);
  const refusal = attempt.flatMap((d) => d.outbox).find((o) => o.target === deployKey);
  expect(refusal?.tags[Tags.Action]).toBe("Eval-Error");
  expect(refusal?.tags[Tags.Error]).toMatch(/admin/);
  const [stolen] = await sys.network.query(alice, sys.usda.pid, { [Tags.Action]: Actions.Balance, [Tags.Target]: deployKey });
  expect(stolen.tags[Tags.Balance]).toBe("0");
  const [held] = await sys.network.query(alice, sys.usda.pid, { [Tags.Action]: Actions.Balance, [Tags.Target]: sys.lockManager.pid });
  expect(held.tags[Tags.Balance]).toBe("500");

  // The admin path: the new admin loads a new version by Eval; the state stays.
  const upgrade = upgradedBundle(loadBundle("lock-manager"));
  const loaded = await sys.network.send(newAdmin, sys.lockManager.pid, { [Tags.Action]: Actions.Eval }, upgrade.lua);
  expect(loaded.flatMap((d) => d.outbox).filter((o) => o.target === newAdmin)).toEqual([]);
  const [info] = await sys.network.query(alice, sys.lockManager.pid, { [Tags.Action]: Actions.Info });
  expect(info.tags[Tags.SourceHash]).toBe(upgrade.hash);
  expect(info.tags[Tags.Owner]).toBe(newAdmin);
  // The deploy key's upgrade does nothing.
  const stale = upgradedBundle(upgrade.lua);
  await sys.network.send(deployKey, sys.lockManager.pid, { [Tags.Action]: Actions.Eval }, stale.lua);
  const [after] = await sys.network.query(alice, sys.lockManager.pid, { [Tags.Action]: Actions.Info });
  expect(after.tags[Tags.SourceHash]).toBe(upgrade.hash);
});
