/**
 * libs/protocol compiled to Lua and run inside the aos module must agree with the same TypeScript run in Node:
 * first on the shared vectors (libs/protocol/test/vectors.json), then on random inputs (a differential test).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import * as protocol from "@tim3/protocol";
import { AOS_VERSION, AosProcess, newId } from "../src/index";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const vectors = JSON.parse(readFileSync(join(root, "libs/protocol/test/vectors.json"), "utf8"));
type Call = { fn: string; args: unknown[] };
type Result = { ok: boolean; value?: unknown; error?: string };

let lua: AosProcess;

beforeAll(async () => {
  lua = await AosProcess.spawn({ owner: newId() });
  await lua.eval(readFileSync(join(root, "libs/protocol/dist/protocol.lua"), "utf8"));
});

async function inLua(calls: Call[]): Promise<Result[]> {
  const payload = JSON.stringify(calls);
  const printed = await lua.eval(`local calls = require("json").decode([==[${payload}]==])
local out = {}
for i, c in ipairs(calls) do out[i] = Tim3Protocol.call(c.fn, c.args) end
print(require("json").encode(out))`);
  return JSON.parse(printed);
}

/** Node's side of the functions the Lua entry defines beyond libs/protocol's own names. */
const nodeOnly: Record<string, (...a: unknown[]) => unknown> = {
  unchangedSincePublished: (a: unknown, b: unknown) => protocol.sameAsExposed(a, protocol.withExposedNames(b)),
};

function inNode(call: Call): Result {
  try {
    const fn = nodeOnly[call.fn] ?? (protocol as unknown as Record<string, (...a: unknown[]) => unknown>)[call.fn];
    return { ok: true, value: fn(...call.args) };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

/** Lua and Node must give the same value, and fail on the same inputs. */
async function expectSameInBoth(calls: Call[]): Promise<void> {
  const luaResults = await inLua(calls);
  calls.forEach((call, i) => {
    const node = inNode(call);
    const lua = luaResults[i];
    expect(lua.ok, `${call.fn}(${JSON.stringify(call.args)}) ok`).toBe(node.ok);
    if (node.ok) expect(lua.value, `${call.fn}(${JSON.stringify(call.args)})`).toEqual(node.value);
  });
}

describe(`libs/protocol in Lua (aos ${AOS_VERSION}) agrees with Node`, () => {
  it("on the shared vectors", async () => {
    const calls: Call[] = [];
    for (const v of vectors.parseQuantity) calls.push({ fn: "parseQuantity", args: [v.input, "Quantity", v.positive] });
    for (const v of vectors.arithmetic) {
      for (const fn of ["add", "compare", "ratioBasisPoints"]) calls.push({ fn, args: [v.a, v.b] });
      calls.push({ fn: "sub", args: [v.a, v.b] });
      if (v.b !== "0") calls.push({ fn: "divide", args: [v.a, v.b] });
    }
    for (const [human, d] of [...vectors.toBaseUnits, ...vectors.toBaseUnitsBad]) calls.push({ fn: "toBaseUnits", args: [human, d] });
    for (const [base, d] of vectors.fromBaseUnits) calls.push({ fn: "fromBaseUnits", args: [base, d] });
    await expectSameInBoth(calls);
    // And the vectors' own expectations hold in Lua:
    const sums = await inLua(vectors.arithmetic.map((v: { a: string; b: string }) => ({ fn: "add", args: [v.a, v.b] })));
    expect(sums.map((r) => r.value)).toEqual(vectors.arithmetic.map((v: { add: string }) => v.add));
  });

  it("on random quantities and strings (differential)", async () => {
    const quantity = fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }).map(String);
    const pairs = fc.sample(fc.tuple(quantity, quantity), { numRuns: 300, seed: 42 });
    const calls: Call[] = [];
    for (const [a, b] of pairs) {
      calls.push({ fn: "add", args: [a, b] }, { fn: "compare", args: [a, b] }, { fn: "sub", args: [a, b] });
      if (b !== "0") calls.push({ fn: "divide", args: [a, b] });
    }
    for (const s of fc.sample(fc.string({ maxLength: 80 }), { numRuns: 300, seed: 7 })) {
      calls.push({ fn: "parseQuantity", args: [s, "Quantity", true] }, { fn: "isAddress", args: [s] });
    }
    for (const [n, d] of fc.sample(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 18 })), { numRuns: 200, seed: 3 })) {
      calls.push({ fn: "fromBaseUnits", args: [String(n), d] });
    }
    for (const id of fc.sample(fc.string({ unit: fc.constantFrom(..."aZ09-_/?~ .:"), maxLength: 90 }), { numRuns: 200, seed: 11 })) {
      calls.push({ fn: "keySegment", args: [id] });
    }
    await expectSameInBoth(calls);
  });

  it("the exposure emitter's change test: a published value is unchanged only when equal at every depth", async () => {
    const record = { requestId: "r1", quantity: "10", burned: false, createdAt: 5, items: [{ createdAt: 1 }, false] };
    const pairs: [unknown, unknown][] = [
      [record, record],
      [record, { ...record, quantity: "11" }],
      [record, { ...record, burned: true }],
      [record, { ...record, items: [{ createdAt: 1 }] }],
      [record, { ...record, items: [{ createdAt: 2 }, false] }],
      [record, { ...record, extra: "x" }],
      [{ ...record, extra: "x" }, record],
      [{ page: 0, items: [] }, { page: 0, items: [] }],
      [{ page: 0, items: [] }, { page: 0, items: ["k"] }],
      [{ "Mint-Paused": "true" }, { "Mint-Paused": "true" }],
      [{ "Mint-Paused": "true" }, { "Mint-Paused": "false" }],
      [{ a: "1" }, { a: 1 }],
    ];
    const calls: Call[] = pairs.map(([a, b]) => ({ fn: "unchangedSincePublished", args: [a, b] }));
    await expectSameInBoth(calls);
    const results = await inLua(calls);
    expect(results.map((r) => r.value)).toEqual([true, false, false, false, false, false, false, true, false, true, false, false]);
  });
});
