/** The aos token blueprint as a wallet sees it: Info, Balance, Balances (full and paged), Transfer, Total-Supply. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { bundlePath, messagesTo, newId } from "@tim3/testing";
import { balance, expectRejected, ledger, mint, onlyTo, replies, send, snapshot, spawnUsda, sum, totalSupply, type Usda } from "./helpers";

describe("Info", () => {
  let u: Usda;
  beforeAll(async () => {
    u = await spawnUsda();
  });

  it("names the token: Mock USDA, ticker USDA, 12 decimals, version, admin", async () => {
    const alice = newId();
    const { log } = await send(u, alice, { [Tags.Action]: Actions.Info });
    const info = onlyTo(log, alice);
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(info.tags).toMatchObject({
      [Tags.Action]: Actions.Info,
      [Tags.Name]: "Mock USDA",
      [Tags.Ticker]: "USDA",
      [Tags.Denomination]: "12",
      [Tags.Version]: pkg.version,
      Admin: u.admin,
    });
    // Data repeats the tags as JSON.
    const data = JSON.parse(info.data) as Record<string, string>;
    expect(data[Tags.Ticker]).toBe("USDA");
    expect(data[Tags.Denomination]).toBe("12");
    expect(data[Tags.SourceHash]).toBe(info.tags[Tags.SourceHash]);
  });

  it("reports the Source-Hash stamped on line 1 of dist/process.lua, which is the sha256 of the rest of the file", async () => {
    const bundle = readFileSync(bundlePath("mock-usda"), "utf8");
    const newline = bundle.indexOf("\n");
    const stamp = bundle.slice(0, newline);
    const stamped = /sourceHash = "([0-9a-f]{64})"/.exec(stamp);
    expect(stamped, stamp).not.toBeNull();
    const actual = createHash("sha256").update(bundle.slice(newline + 1)).digest("hex");
    expect(stamped?.[1]).toBe(actual);
    const out = await u.network.query(newId(), u.pid, { [Tags.Action]: Actions.Info });
    expect(out[0].tags[Tags.SourceHash]).toBe(actual);
  });
});

describe("Balance and Total-Supply", () => {
  let u: Usda;
  const alice = newId();
  const bob = newId();
  beforeAll(async () => {
    u = await spawnUsda();
    await mint(u, alice, "1500000000000");
  });

  it("answers for the sender when no account is named: Balance, Ticker, Account, Locked tags and Data = balance", async () => {
    const { log } = await send(u, alice, { [Tags.Action]: Actions.Balance });
    const reply = onlyTo(log, alice);
    expect(reply.tags).toMatchObject({
      [Tags.Action]: Actions.Balance,
      [Tags.Balance]: "1500000000000",
      [Tags.Ticker]: "USDA",
      [Tags.Account]: alice,
      [Tags.Locked]: "0",
    });
    expect(reply.data).toBe("1500000000000");
  });

  it("answers for Target, or for Recipient, to whoever asked", async () => {
    const byTarget = onlyTo((await send(u, bob, { [Tags.Action]: Actions.Balance, [Tags.Target]: alice })).log, bob);
    expect(byTarget.tags[Tags.Account]).toBe(alice);
    expect(byTarget.data).toBe("1500000000000");
    const byRecipient = onlyTo((await send(u, bob, { [Tags.Action]: Actions.Balance, [Tags.Recipient]: alice })).log, bob);
    expect(byRecipient.tags[Tags.Account]).toBe(alice);
    expect(byRecipient.tags[Tags.Balance]).toBe("1500000000000");
  });

  it("reports 0 for an account that never held anything", async () => {
    expect(await balance(u, bob)).toEqual({ balance: "0", locked: "0" });
  });

  it("refuses a Target that is not an address, changing nothing", async () => {
    await expectRejected(u, bob, { [Tags.Action]: Actions.Balance, [Tags.Target]: "not-an-address" }, "Target must be an address (got not-an-address)");
  });

  it("Total-Supply answers the supply in Data, with the Ticker", async () => {
    const { log } = await send(u, bob, { [Tags.Action]: Actions.TotalSupply });
    const reply = onlyTo(log, bob);
    expect(reply.tags[Tags.Action]).toBe(Actions.TotalSupply);
    expect(reply.tags[Tags.Ticker]).toBe("USDA");
    expect(reply.data).toBe("1500000000000");
  });
});

describe("Balances", () => {
  let u: Usda;
  const holders: Record<string, string> = {};
  beforeAll(async () => {
    u = await spawnUsda();
    for (let i = 1; i <= 7; i++) {
      const h = newId();
      holders[h] = String(i * 100);
      await mint(u, h, holders[h]);
    }
  });

  async function page(tags: Record<string, string>): Promise<{ balances: Record<string, string>; next?: string }> {
    const asker = newId();
    const { log } = await send(u, asker, { [Tags.Action]: Actions.Balances, ...tags });
    const reply = onlyTo(log, asker);
    expect(reply.tags[Tags.Action]).toBe(Actions.Balances);
    expect(reply.tags[Tags.Ticker]).toBe("USDA");
    return { balances: JSON.parse(reply.data) as Record<string, string>, next: reply.tags[Tags.NextCursor] };
  }

  it("without Limit or Cursor, returns every holder's balance as one JSON object", async () => {
    const all = await page({});
    expect(all.balances).toEqual(holders);
    expect(all.next).toBeUndefined();
  });

  it("with Limit, walks all holders in address order, page by page, following Next-Cursor", async () => {
    const order = Object.keys(holders).sort();
    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    for (let guard = 0; guard < 10; guard++) {
      const tags: Record<string, string> = { [Tags.Limit]: "3" };
      if (cursor !== undefined) tags[Tags.Cursor] = cursor;
      const p = await page(tags);
      const keys = Object.keys(p.balances).sort();
      sizes.push(keys.length);
      for (const k of keys) expect(p.balances[k]).toBe(holders[k]);
      seen.push(...keys);
      if (p.next === undefined) break;
      expect(p.next).toBe(keys[keys.length - 1]);
      cursor = p.next;
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(order);
  });

  it("a page that holds exactly the last holders has no Next-Cursor; a Cursor alone pages after it", async () => {
    const order = Object.keys(holders).sort();
    const whole = await page({ [Tags.Limit]: "7" });
    expect(Object.keys(whole.balances).sort()).toEqual(order);
    expect(whole.next).toBeUndefined();
    const rest = await page({ [Tags.Cursor]: order[4] });
    expect(Object.keys(rest.balances).sort()).toEqual(order.slice(5));
    expect(rest.next).toBeUndefined();
    const none = await page({ [Tags.Cursor]: order[6] });
    expect(none.balances).toEqual({});
    expect(await page({ [Tags.Limit]: "1000" })).toEqual({ balances: holders, next: undefined });
  });

  it.each([
    ["0", "Limit must be greater than 0"],
    ["-1", 'Limit must contain only the digits 0-9 (got "-1")'],
    ["abc", 'Limit must contain only the digits 0-9 (got "abc")'],
    ["2.5", 'Limit must contain only the digits 0-9 (got "2.5")'],
    ["010", 'Limit must not have leading zeros (got "010")'],
    ["1001", "Limit must be at most 1000"],
    ["99999999999999999999", "Limit must be at most 1000"],
  ])("refuses Limit %j, changing nothing", async (limit, error) => {
    await expectRejected(u, newId(), { [Tags.Action]: Actions.Balances, [Tags.Limit]: limit }, error);
  });

  it("of a token nobody holds is an empty JSON object", async () => {
    const empty = await spawnUsda();
    const asker = newId();
    const { log } = await send(empty, asker, { [Tags.Action]: Actions.Balances });
    expect(JSON.parse(onlyTo(log, asker).data)).toEqual({});
    const paged = await send(empty, asker, { [Tags.Action]: Actions.Balances, [Tags.Limit]: "5" });
    expect(JSON.parse(messagesTo(paged.log, asker)[0].data)).toEqual({});
  });
});

describe("Transfer", () => {
  let u: Usda;
  const alice = newId();
  const bob = newId();
  beforeAll(async () => {
    u = await spawnUsda();
    await mint(u, alice, "1000");
  });

  it("moves the quantity and sends a Debit-Notice to the sender and a Credit-Notice to the recipient", async () => {
    const { log } = await send(u, alice, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "250" });
    const debit = onlyTo(log, alice);
    const credit = onlyTo(log, bob);
    expect(debit.tags).toMatchObject({ [Tags.Action]: Actions.DebitNotice, [Tags.Recipient]: bob, [Tags.Quantity]: "250" });
    expect(credit.tags).toMatchObject({ [Tags.Action]: Actions.CreditNotice, [Tags.Sender]: alice, [Tags.Quantity]: "250" });
    expect(replies(log)).toHaveLength(2);
    expect(await balance(u, alice)).toEqual({ balance: "750", locked: "0" });
    expect(await balance(u, bob)).toEqual({ balance: "250", locked: "0" });
    expect(await totalSupply(u)).toBe("1000");
  });

  it("forwards every X- tag onto both notices, and nothing else of the request", async () => {
    const { log } = await send(u, alice, {
      [Tags.Action]: Actions.Transfer,
      [Tags.Recipient]: bob,
      [Tags.Quantity]: "10",
      [Tags.XAction]: "Mint",
      [Tags.XRequestId]: "req-42",
      "X-Note": "for lunch",
      Memo: "not forwarded",
    });
    for (const notice of [onlyTo(log, alice), onlyTo(log, bob)]) {
      expect(notice.tags).toMatchObject({ [Tags.XAction]: "Mint", [Tags.XRequestId]: "req-42", "X-Note": "for lunch" });
      expect(notice.tags.Memo).toBeUndefined();
    }
  });

  it("with Cast moves the funds silently: no notices at all", async () => {
    const before = await ledger(u);
    const { log } = await send(u, alice, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "5", [Tags.Cast]: "true" });
    expect(replies(log)).toEqual([]);
    const after = await ledger(u);
    expect(BigInt(after.balances[alice])).toBe(BigInt(before.balances[alice]) - 5n);
    expect(BigInt(after.balances[bob])).toBe(BigInt(before.balances[bob]) + 5n);
  });

  it("of the whole balance empties the sender; to oneself changes nothing but still notifies", async () => {
    const carol = newId();
    await mint(u, carol, "30");
    const self = await send(u, carol, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: carol, [Tags.Quantity]: "30" });
    expect(messagesTo(self.log, carol).map((e) => e.tags[Tags.Action]).sort()).toEqual([Actions.CreditNotice, Actions.DebitNotice]);
    expect(await balance(u, carol)).toEqual({ balance: "30", locked: "0" });
    await send(u, carol, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "30" });
    expect(await balance(u, carol)).toEqual({ balance: "0", locked: "0" });
    expect((await ledger(u)).balances[carol]).toBeUndefined();
  });

  it("an overdraft is a Transfer-Error with Message-Id and Error, and changes nothing", async () => {
    const have = (await balance(u, alice)).balance;
    const reply = await expectRejected(
      u,
      alice,
      { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: (BigInt(have) + 1n).toString(), [Tags.XRequestId]: "r-9" },
      "Insufficient balance",
    );
    expect(reply.tags[Tags.XRequestId]).toBe("r-9");
    await expectRejected(u, newId(), { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "1" }, "Insufficient balance");
  });

  it("refuses a missing or malformed Recipient, changing nothing", async () => {
    await expectRejected(u, alice, { [Tags.Action]: Actions.Transfer, [Tags.Quantity]: "1" }, "Recipient is required");
    await expectRejected(u, alice, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: "", [Tags.Quantity]: "1" }, "Recipient is required");
    await expectRejected(
      u,
      alice,
      { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: "bob", [Tags.Quantity]: "1" },
      "Recipient must be an address (got bob)",
    );
  });

  it("keeps total supply equal to the sum of balances", async () => {
    const l = await ledger(u);
    expect(sum(l.balances)).toBe(l.totalSupply);
    expect(await totalSupply(u)).toBe("1030");
  });
});

describe("anything else", () => {
  let u: Usda;
  beforeAll(async () => {
    u = await spawnUsda();
    await mint(u, newId(), "77");
  });

  it("an unknown action gets an <Action>-Error reply with an Error tag, and changes nothing", async () => {
    await expectRejected(u, newId(), { [Tags.Action]: "Steal" }, "Unknown action: Steal", "Steal-Error");
  });

  it("a message without an Action gets an Error reply, and changes nothing", async () => {
    await expectRejected(u, newId(), { Recipient: newId(), Quantity: "5" }, "Action tag is required", "Error");
  });

  it("a stranger's Eval is refused with its reason, and changes nothing", async () => {
    const before = await snapshot(u);
    await expectRejected(u, newId(), { [Tags.Action]: Actions.Eval }, "Only the admin may Eval (the aos Owner is always the Admin)", "Eval-Error");
    expect(await snapshot(u)).toEqual(before);
  });

  it("notices and errors sent to the token are not answered (no echo loops)", async () => {
    const before = await snapshot(u);
    for (const action of [Actions.CreditNotice, Actions.DebitNotice, Actions.TransferError]) {
      const { log } = await send(u, newId(), { [Tags.Action]: action, [Tags.Quantity]: "5" });
      expect(replies(log)).toEqual([]);
    }
    expect(await snapshot(u)).toEqual(before);
  });
});
