/**
 * The protocol's pure functions as one Lua global, so tests can call the very Lua that processes run
 * (libs/testing/test/protocol-in-lua.test.ts runs the shared vectors and random inputs through it).
 */
import {
  add, compare, divide, fromBaseUnits, isAddress, keySegment, parseQuantity, ratioBasisPoints, sameAsExposed, sub, toBaseUnits,
  withExposedNames,
} from "../src/index";

type Fn = (this: void, ...args: never[]) => unknown;

const functions: Record<string, Fn> = {
  parseQuantity: parseQuantity as Fn,
  add: add as Fn,
  sub: sub as Fn,
  compare: compare as Fn,
  divide: divide as Fn,
  ratioBasisPoints: ratioBasisPoints as Fn,
  toBaseUnits: toBaseUnits as Fn,
  fromBaseUnits: fromBaseUnits as Fn,
  isAddress: isAddress as Fn,
  keySegment: keySegment as Fn,
  /** sameAsExposed(a, withExposedNames(b)): the emitter's change test, on values built in Lua as processes build them. */
  unchangedSincePublished: ((a: unknown, b: unknown) => sameAsExposed(a, withExposedNames(b))) as Fn,
};

// A Lua global read by the tests through aos, not by TypeScript.
declare var Tim3Protocol: { call: (this: void, name: string, args: unknown[]) => { ok: boolean; value?: unknown; error?: string } };

// eslint-disable-next-line @typescript-eslint/no-unused-vars
Tim3Protocol = {
  call: (name: string, args: unknown[]) => {
    try {
      const fn = functions[name];
      return { ok: true, value: (fn as (this: void, ...a: unknown[]) => unknown)(...args) };
    } catch (e) {
      return { ok: false, error: String(e) };
    }
  },
};
