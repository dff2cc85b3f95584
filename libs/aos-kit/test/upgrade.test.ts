/**
 * Re-evaluating a newer bundle replaces the handler set exactly, in the real aos module: an action the new version
 * adds works, one it dropped answers the standard unknown-action error, and the state stays.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { AosProcess, Network, newId, type Delivered } from "@tim3/testing";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "fixtures");
const bundle = (name: string) => readFileSync(join(fixtures, `${name}.lua`), "utf8");

async function ask(net: Network, from: string, pid: string, action: string): Promise<Record<string, string>> {
  const log = await net.send(from, pid, { Action: action });
  const replies = log.flatMap((d) => d.outbox).filter((o) => o.target === from);
  expect(replies, `replies to ${action}`).toHaveLength(1);
  return replies[0].tags;
}

it("an upgrade that adds New and drops Old: New works, Old is an unknown action, the count stays", async () => {
  const owner = newId();
  const holder = newId();
  const p = await AosProcess.spawn({ owner });
  const net = new Network();
  net.add(p.pid, p);
  await p.eval(bundle("upgrade-v1"));
  expect((await ask(net, holder, p.pid, "Count")).Count).toBe("1");
  expect((await ask(net, holder, p.pid, "Old")).Action).toBe("Old-Done");
  expect((await ask(net, holder, p.pid, "New")).Error).toBe("Unknown action: New");

  await p.eval(bundle("upgrade-v2"));
  expect((await ask(net, holder, p.pid, "New")).Action).toBe("New-Done");
  const old = await ask(net, holder, p.pid, "Old");
  expect(old.Action).toBe("Old-Error");
  expect(old.Error).toBe("Unknown action: Old");
  expect((await ask(net, holder, p.pid, "Count")).Count).toBe("2");

  // Upgrading again (the same bundle re-deployed) leaves one copy of each handler, aos's own first.
  await p.eval(bundle("upgrade-v2"));
  const names = await p.read<string[]>("(function() local t = {} for _, h in ipairs(Handlers.list) do t[#t + 1] = h.name end return t end)()");
  expect(names.slice(0, 3)).toEqual(["Tim3-Eval-Once", "_eval", "_default"]);
  expect([...names.slice(3)].sort()).toEqual(["Count", "Eval", "New", "Tim3-Unhandled"]);
});

/** A fixture bundle stamped as tools/lua-build stamps one (line 1: name, version, sha256 of the body). */
function stamped(name: string, version: string): string {
  const body = bundle(name);
  return `Tim3Build = { name = "fixture", version = "${version}", sourceHash = "${createHash("sha256").update(body).digest("hex")}" }\n${body}`;
}

/** The owner's Eval as a message on the network (a signed item that can be delivered again), and what aos printed. */
async function evalMessage(net: Network, owner: string, pid: string, lua: string): Promise<Delivered> {
  const [delivered] = await net.send(owner, pid, { Action: "Eval" }, lua);
  return delivered;
}

it("an upgrade Eval delivered again does nothing: the process stays on the newer bundle", async () => {
  const owner = newId();
  const holder = newId();
  const p = await AosProcess.spawn({ owner });
  const net = new Network();
  net.add(p.pid, p);
  await evalMessage(net, owner, p.pid, stamped("upgrade-v1", "0.1.0"));
  const firstUpgrade = await evalMessage(net, owner, p.pid, stamped("upgrade-v2", "0.2.0"));
  await evalMessage(net, owner, p.pid, 'Marker = (Marker or 0) + 1');
  expect(await p.read<string>("UpgradeFixture.core.version")).toBe("0.2.0");
  // v1 installed the guard, so the Eval that loaded v2 was recorded, as was every later one. Deliver two again.
  const marker = (await net.send(owner, p.pid, { Action: "Eval" }, "Marker = (Marker or 0) + 10"))[0];
  net.requeue(marker.envelope);
  net.requeue(firstUpgrade.envelope);
  await net.runUntilQuiet();
  expect(await p.read<number>("Marker")).toBe(11);
  expect((await ask(net, holder, p.pid, "New")).Action).toBe("New-Done");
});

it("loading an older bundle over a newer one is refused unless forced", async () => {
  const owner = newId();
  const holder = newId();
  const p = await AosProcess.spawn({ owner });
  const net = new Network();
  net.add(p.pid, p);
  await p.eval(stamped("upgrade-v2", "0.2.0"));
  expect((await ask(net, holder, p.pid, "Count")).Count).toBe("1");
  // An old upgrade Eval signed long ago and delivered now (a new id to the process, so not caught as evaluated).
  await expect(p.eval(stamped("upgrade-v1", "0.1.0"))).rejects.toThrow(/Refusing to load version 0\.1\.0 over 0\.2\.0/);
  expect(await p.read<string>("UpgradeFixture.core.version")).toBe("0.2.0");
  expect((await ask(net, holder, p.pid, "New")).Action).toBe("New-Done");
  expect((await ask(net, holder, p.pid, "Old")).Error).toBe("Unknown action: Old");
  // Forced: the admin asks for the downgrade explicitly; the state stays.
  await p.eval("Tim3AllowDowngrade = true\n" + stamped("upgrade-v1", "0.1.0"));
  expect(await p.read<string>("UpgradeFixture.core.version")).toBe("0.1.0");
  expect((await ask(net, holder, p.pid, "Old")).Action).toBe("Old-Done");
  expect((await ask(net, holder, p.pid, "Count")).Count).toBe("2");
  expect(await p.read<unknown>("Tim3AllowDowngrade")).toBe(null);
});
