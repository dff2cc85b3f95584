import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  MAX_QUANTITY, add, compare, divide, exceedsMax, fromBaseUnits, fromInteger, parseQuantity, ratioBasisPoints, sub,
  toBaseUnits,
} from "../src/index";
import vectors from "./vectors.json";

const MAX = 2n ** 256n - 1n;
const quantity = fc.bigInt({ min: 0n, max: MAX }).map((n) => n.toString());

describe("shared vectors (also run in Lua by lua-conformance.test.ts)", () => {
  it.each(vectors.parseQuantity)("parseQuantity($input, positive=$positive)", (v) => {
    const r = parseQuantity(v.input, "Quantity", v.positive);
    expect(r.ok).toBe(v.ok);
    if (!r.ok) expect(r.error).toContain(v.contains);
  });
  it.each(vectors.arithmetic)("arithmetic on $a and $b", (v) => {
    expect(add(v.a, v.b)).toBe(v.add);
    expect(compare(v.a, v.b)).toBe(v.compare);
    if (v.sub !== null) expect(sub(v.a, v.b)).toBe(v.sub);
    else expect(() => sub(v.a, v.b)).toThrow(/underflow/);
    if (v.divide !== null) expect(divide(v.a, v.b)).toBe(v.divide);
    expect(ratioBasisPoints(v.a, v.b)).toBe(v.ratio);
  });
  it.each(vectors.toBaseUnits)("toBaseUnits(%s, %i) = %s", (human, denomination, base) => {
    expect(toBaseUnits(human as string, denomination as number)).toEqual({ ok: true, value: base });
  });
  it.each(vectors.toBaseUnitsBad)("toBaseUnits(%s, %i) is refused", (human, denomination, contains) => {
    const r = toBaseUnits(human as string, denomination as number);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(contains);
  });
  it.each(vectors.fromBaseUnits)("fromBaseUnits(%s, %i) = %s", (base, denomination, human) => {
    expect(fromBaseUnits(base as string, denomination as number)).toBe(human);
  });
});

describe("properties against BigInt", () => {
  it("add, sub and compare agree with BigInt", () => {
    fc.assert(
      fc.property(quantity, quantity, (a, b) => {
        const A = BigInt(a), B = BigInt(b);
        expect(add(a, b)).toBe((A + B).toString());
        expect(compare(a, b)).toBe(A < B ? -1 : A > B ? 1 : 0);
        if (A >= B) expect(sub(a, b)).toBe((A - B).toString());
        expect(exceedsMax(add(a, b))).toBe(A + B > MAX);
      }),
      { numRuns: 500 },
    );
  });
  it("divide agrees with BigInt", () => {
    fc.assert(
      fc.property(quantity, fc.bigInt({ min: 1n, max: MAX }), (a, b) => {
        expect(divide(a, b.toString())).toBe((BigInt(a) / b).toString());
      }),
      { numRuns: 300 },
    );
  });
  it("parseQuantity accepts exactly the canonical decimal strings up to 2^256-1", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const canonical = /^(0|[1-9][0-9]*)$/.test(s) && BigInt(s) <= MAX;
        expect(parseQuantity(s, "Quantity", false).ok).toBe(canonical);
      }),
      { numRuns: 2000 },
    );
    expect(parseQuantity(MAX_QUANTITY, "Quantity", true).ok).toBe(true);
  });
  it("human units round-trip exactly at every denomination", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.integer({ min: 0, max: 18 }), (n, d) => {
        const human = fromBaseUnits(n.toString(), d);
        expect(toBaseUnits(human, d)).toEqual({ ok: true, value: n.toString() });
      }),
      { numRuns: 500 },
    );
  });
  it("fromInteger writes integers without a decimal point", () => {
    fc.assert(
      fc.property(fc.nat(), (n) => {
        expect(fromInteger(n)).toBe(String(n));
      }),
    );
  });
});
