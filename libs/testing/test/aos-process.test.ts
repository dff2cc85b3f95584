import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { MAINNET_AOS_MODULE } from "@tim3/protocol";
import { AOS_MODULE_ID, AosProcess, AUTHORITY, Network, aosModulePath, newId } from "../src/index";

describe("AosProcess (the real aos module)", () => {
  it("runs the module mainnet processes are spawned with, a wasm64 build, unless TIM3_AOS_MODULE=wasm32 asks otherwise", () => {
    if (process.env.TIM3_AOS_MODULE === "wasm32") return;
    expect(AOS_MODULE_ID).toBe(MAINNET_AOS_MODULE);
    expect(memory64(readFileSync(aosModulePath()))).toBe(true);
  });

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

  it("a dry-run that fills pages which held nothing leaves every byte of the heap as it was", async () => {
    const p = await AosProcess.spawn({ owner: newId() });
    await p.eval(`Handlers.add("big", "Big", function(m)
  local t = {}
  for i = 1, 100000 do t[i] = string.rep("x", 64) .. i end
  Big = t
  ao.send({ Target = m.From, N = tostring(#t) })
end)`);
    const net = new Network();
    net.add(p.pid, p);
    const heap = () => Buffer.from((p as unknown as { memory: ArrayBuffer }).memory);
    const before = Buffer.from(heap());
    const out = await net.query(newId(), p.pid, { Action: "Big" });
    expect(out[0].tags.N).toBe("100000");
    const after = heap();
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(after.subarray(before.length).every((b) => b === 0)).toBe(true);
    expect(await p.read("Big")).toBe(null);
  });
});

/** Whether the module's first defined memory is 64-bit: reads the memory section (id 5) of the binary. */
function memory64(wasm: Buffer): boolean {
  let at = 8;
  const leb = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = wasm[at++];
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  };
  while (at < wasm.length) {
    const id = wasm[at++];
    const size = leb();
    if (id === 5) {
      leb(); // how many memories
      return (wasm[at] & 0x04) !== 0;
    }
    at += size;
  }
  return false;
}
