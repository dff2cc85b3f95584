/**
 * Re-evaluating a newer bundle replaces the handler set exactly, in the real aos module: an action the new version
 * adds works, one it dropped answers the standard unknown-action error, and the state stays.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { AosProcess, Network, newId } from "@tim3/testing";

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
  expect(names.slice(0, 2)).toEqual(["_eval", "_default"]);
  expect([...names.slice(2)].sort()).toEqual(["Count", "Eval", "New", "Tim3-Unhandled"]);
});
