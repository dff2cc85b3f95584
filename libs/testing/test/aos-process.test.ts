import { describe, expect, it } from "vitest";
import { AosProcess, AUTHORITY, Network, newId } from "../src/index";

describe("AosProcess (the real aos 2.0.4 module)", () => {
  it("runs Lua handlers, keeps state between messages and trusts only the Authority's relayed messages", async () => {
    const owner = newId();
    const p = await AosProcess.spawn({ owner });
    expect(await p.read("_VERSION")).toBe("Lua 5.3");
    await p.eval(`Count = 0
Handlers.add("count", "Count", function(m) Count = Count + 1; ao.send({ Target = m.From, Action = "Counted", Count = tostring(Count) }) end)`);
    const net = new Network();
    net.add(p.pid, p);
    const user = newId();
    await net.send(user, p.pid, { Action: "Count" });
    await net.send(user, p.pid, { Action: "Count" });
    expect(net.inbox(user).map((e) => e.tags.Count)).toEqual(["1", "2"]);
    // A wallet forging From-Process is not trusted: the handler never runs.
    await net.send(user, p.pid, { Action: "Count", "From-Process": newId() });
    expect(await p.read("Count")).toBe(2);
    // The same tag pushed by the authority is how a process's message arrives: trusted.
    await net.sendEnvelope({ ...net.envelope(newId(), p.pid, { Action: "Count", "From-Process": newId() }, "", AUTHORITY) });
    expect(await p.read("Count")).toBe(3);
  });

  it("a dry-run answers but changes nothing", async () => {
    const p = await AosProcess.spawn({ owner: newId() });
    await p.eval(`N = 0
Handlers.add("inc", "Inc", function(m) N = N + 1; ao.send({ Target = m.From, N = tostring(N) }) end)`);
    const net = new Network();
    net.add(p.pid, p);
    const out = await net.query(newId(), p.pid, { Action: "Inc" });
    expect(out[0].tags.N).toBe("1");
    expect(await p.read("N")).toBe(0);
  });
});
