/**
 * Quantities are strings of decimal digits, no sign, point, exponent, whitespace or leading zeros, at most 2^256-1,
 * and above 0 for anything that moves funds. Every action that takes a Quantity refuses every malformed one with an
 * explicit error reply and no state change.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Actions, MAX_QUANTITY, Tags } from "@tim3/protocol";
import { newId } from "@tim3/testing";
import { balance, expectRejected, ledger, mint, onlyTo, send, spawnUsda, totalSupply, type Usda } from "./helpers";

const TWO_256 = (2n ** 256n).toString();
const MAX = (2n ** 256n - 1n).toString();

const digits = (got: string) => `Quantity must contain only the digits 0-9 (got "${got}")`;

/** [label, Quantity tag (undefined = absent), error] */
const MALFORMED: [string, string | undefined, string][] = [
  ["negative", "-5", digits("-5")],
  ["decimal", "1.5", digits("1.5")],
  ["exponent", "1e3", digits("1e3")],
  ["upper-case exponent", "1E3", digits("1E3")],
  ["hex", "0x10", digits("0x10")],
  ["plus sign", "+5", digits("+5")],
  ["leading zeros", "007", 'Quantity must not have leading zeros (got "007")'],
  ["a lone zero padded", "00", 'Quantity must not have leading zeros (got "00")'],
  ["leading space", " 5", digits(" 5")],
  ["trailing space", "5 ", digits("5 ")],
  ["inner space", "1 000", digits("1 000")],
  ["thousands separator", "1,000", digits("1,000")],
  ["tab", "\t5", digits("\t5")],
  ["newline", "5\n", digits("5\n")],
  ["non-ASCII digit", "５", digits("５")],
  ["words", "five", digits("five")],
  ["long garbage (quoted only in part)", "x".repeat(60), `Quantity must contain only the digits 0-9 (got "${"x".repeat(40)}...")`],
  ["empty", "", "Quantity is required"],
  ["missing", undefined, "Quantity is required"],
  ["2^256", TWO_256, "Quantity must be at most 2^256-1"],
  ["10^100", "1" + "0".repeat(100), "Quantity must be at most 2^256-1"],
  ["zero (a move of nothing)", "0", "Quantity must be greater than 0"],
];

describe("malformed quantities", () => {
  let u: Usda;
  const alice = newId();
  const bob = newId();
  const locker = newId();
  beforeAll(async () => {
    u = await spawnUsda();
    await mint(u, alice, "1000");
    await send(u, alice, { [Tags.Action]: Actions.Lock, [Tags.Locker]: locker, [Tags.Quantity]: "100" });
    await send(u, u.admin, { [Tags.Action]: Actions.SetFaucet, [Tags.Quantity]: "50", [Tags.Period]: "1000" });
    expect(await balance(u, alice)).toEqual({ balance: "1000", locked: "100" });
  });

  /** action → [sender, tags other than Quantity] */
  const actions: Record<string, () => [string, Record<string, string>]> = {
    [Actions.Transfer]: () => [alice, { [Tags.Recipient]: bob }],
    [Actions.Mint]: () => [u.admin, { [Tags.Recipient]: bob }],
    [Actions.Burn]: () => [alice, {}],
    [Actions.Lock]: () => [alice, { [Tags.Locker]: locker }],
    [Actions.Unlock]: () => [locker, { [Tags.Holder]: alice }],
    [Actions.TransferLocked]: () => [locker, { [Tags.Holder]: alice, [Tags.Recipient]: bob }],
    [Actions.Faucet]: () => [bob, {}],
  };

  for (const action of Object.keys(actions)) {
    describe(action, () => {
      // A Faucet claim without a Quantity asks for the full amount: only explicit quantities are malformed there.
      const cases = action === Actions.Faucet ? MALFORMED.filter(([, q]) => q !== undefined && q !== "") : MALFORMED;
      it.each(cases)("refuses %s, changing nothing", async (_label, quantity, error) => {
        const [sender, tags] = actions[action]();
        const all: Record<string, string> = { [Tags.Action]: action, ...tags };
        if (quantity !== undefined) all[Tags.Quantity] = quantity;
        await expectRejected(u, sender, all, error);
      });
    });
  }

  it("Set-Faucet refuses a malformed amount too (0 is allowed there: it switches the faucet off)", async () => {
    for (const [label, q, error] of MALFORMED) {
      if (q === "0") continue;
      const tags: Record<string, string> = { [Tags.Action]: Actions.SetFaucet };
      if (q !== undefined) tags[Tags.Quantity] = q;
      await expectRejected(u, u.admin, tags, error).catch((e: unknown) => {
        throw new Error(`${label}: ${String(e)}`);
      });
    }
  });
});

describe("the edges of the range", () => {
  it("2^256-1 can be minted, moved and burnt exactly; one more unit cannot be minted", async () => {
    const u = await spawnUsda();
    const alice = newId();
    const bob = newId();
    expect(MAX_QUANTITY).toBe(MAX);
    const { log } = await send(u, u.admin, { [Tags.Action]: Actions.Mint, [Tags.Recipient]: alice, [Tags.Quantity]: MAX });
    expect(onlyTo(log, u.admin).tags).toMatchObject({ [Tags.Action]: Actions.MintDone, [Tags.Recipient]: alice, [Tags.Quantity]: MAX });
    expect(await balance(u, alice)).toEqual({ balance: MAX, locked: "0" });
    expect(await totalSupply(u)).toBe(MAX);

    await expectRejected(u, u.admin, { [Tags.Action]: Actions.Mint, [Tags.Recipient]: bob, [Tags.Quantity]: "1" }, "Total supply would exceed 2^256-1");
    await send(u, u.admin, { [Tags.Action]: Actions.SetFaucet, [Tags.Quantity]: "10" });
    await expectRejected(u, bob, { [Tags.Action]: Actions.Faucet }, "Total supply would exceed 2^256-1");

    const moved = (2n ** 256n - 2n).toString();
    await send(u, alice, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: moved });
    expect(await balance(u, alice)).toEqual({ balance: "1", locked: "0" });
    expect(await balance(u, bob)).toEqual({ balance: moved, locked: "0" });

    await send(u, bob, { [Tags.Action]: Actions.Burn, [Tags.Quantity]: moved });
    expect(await ledger(u)).toEqual({ balances: { [alice]: "1" }, locked: {}, totalSupply: "1" });
  });

  it("a well-formed quantity beyond the balance is an overdraft, not a malformed quantity", async () => {
    const u = await spawnUsda();
    const alice = newId();
    await mint(u, alice, "999999999999999999999999");
    await expectRejected(u, alice, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: newId(), [Tags.Quantity]: MAX }, "Insufficient balance");
    await expectRejected(u, alice, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: newId(), [Tags.Quantity]: "1000000000000000000000000" }, "Insufficient balance");
    await expectRejected(u, alice, { [Tags.Action]: Actions.Burn, [Tags.Quantity]: "1000000000000000000000000" }, "Insufficient balance");
    // Exact arithmetic on 24-digit amounts, well past 2^53.
    await send(u, alice, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: newId(), [Tags.Quantity]: "1" });
    expect(await balance(u, alice)).toEqual({ balance: "999999999999999999999998", locked: "0" });
  });
});
