/**
 * Who may change what: a wallet forging From-Process is dropped by aos itself; a process's message relayed by the
 * trusted Authority counts as that process; a message id is processed once however often it is delivered; a dry-run
 * answers without changing anything.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { AOS_ANSWERS_UNTRUSTED, AUTHORITY, messagesTo, newId } from "@tim3/testing";

/** aos 2.0.4 tells the forged id "not trusted"; mainnet's aos 2.0.6 drops the message silently. Never a TIM3 reply. */
function expectOnlyAosRefusal(replied: { tags: Record<string, string>; data: string }[]): void {
  expect(replied.length).toBe(AOS_ANSWERS_UNTRUSTED ? 1 : 0);
  for (const e of replied) {
    expect(e.tags[Tags.Action]).toBeUndefined();
    expect(e.data).toMatch(/not trusted/);
  }
}
import { balance, ledger, mint, onlyTo, replies, send, snapshot, spawnUsda, totalSupply, type Usda } from "./helpers";

describe("From-Process", () => {
  let u: Usda;
  const alice = newId();
  const vault = newId(); // a process holding USDA
  beforeAll(async () => {
    u = await spawnUsda();
    await mint(u, alice, "100");
    await mint(u, vault, "1000");
  });

  it("forged by a wallet is not trusted: aos drops the message, no handler runs, nothing changes", async () => {
    const mallory = newId();
    const before = await snapshot(u);
    const { log } = await send(u, mallory, {
      [Tags.Action]: Actions.Transfer,
      [Tags.Recipient]: mallory,
      [Tags.Quantity]: "1000",
      "From-Process": vault,
    });
    // No notices, no Transfer-Error: at most aos's own refusal, to the forged id.
    expectOnlyAosRefusal(replies(log));
    expect(replies(log).every((e) => e.target === vault)).toBe(true);
    expect(messagesTo(log, mallory)).toEqual([]);
    expect(await snapshot(u)).toEqual(before);
    expect(await balance(u, vault)).toEqual({ balance: "1000", locked: "0" });
    expect(await balance(u, mallory)).toEqual({ balance: "0", locked: "0" });
  });

  it("forged to pose as the admin is dropped too: no Mint", async () => {
    const mallory = newId();
    const before = await snapshot(u);
    const { log } = await send(u, mallory, { [Tags.Action]: Actions.Mint, [Tags.Recipient]: mallory, [Tags.Quantity]: "5", "From-Process": u.admin });
    expect(messagesTo(log, mallory)).toEqual([]);
    // No TIM3 reply goes anywhere.
    expectOnlyAosRefusal(replies(log));
    expect(await snapshot(u)).toEqual(before);
  });

  it("pushed by the trusted Authority is how a process speaks: the process's own Transfer goes through", async () => {
    const bob = newId();
    const env = u.network.envelope(newId(), u.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "250", "From-Process": vault }, "", AUTHORITY);
    const log = await u.network.sendEnvelope(env);
    expect(onlyTo(log, vault).tags).toMatchObject({ [Tags.Action]: Actions.DebitNotice, [Tags.Recipient]: bob, [Tags.Quantity]: "250" });
    expect(onlyTo(log, bob).tags).toMatchObject({ [Tags.Action]: Actions.CreditNotice, [Tags.Sender]: vault });
    expect(await balance(u, vault)).toEqual({ balance: "750", locked: "0" });
    expect(await balance(u, bob)).toEqual({ balance: "250", locked: "0" });
  });
});

describe("duplicate delivery", () => {
  let u: Usda;
  const alice = newId();
  const bob = newId();
  beforeAll(async () => {
    u = await spawnUsda();
    await mint(u, alice, "100");
  });

  it("of the same Transfer moves the funds once and notifies once", async () => {
    const env = u.network.envelope(alice, u.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "30" });
    const first = await u.network.sendEnvelope(env);
    expect(replies(first)).toHaveLength(2);
    const afterFirst = await snapshot(u);
    const second = await u.network.sendEnvelope(env);
    expect(replies(second)).toEqual([]);
    expect(await snapshot(u)).toEqual(afterFirst);
    expect(await balance(u, alice)).toEqual({ balance: "70", locked: "0" });
    expect(await balance(u, bob)).toEqual({ balance: "30", locked: "0" });
    expect(messagesTo([...first, ...second], bob)).toHaveLength(1);
  });

  it("of the same Mint, Lock or Faucet claim takes effect once", async () => {
    const mintEnv = u.network.envelope(u.admin, u.pid, { [Tags.Action]: Actions.Mint, [Tags.Recipient]: bob, [Tags.Quantity]: "5" });
    await u.network.sendEnvelope(mintEnv);
    expect(replies(await u.network.sendEnvelope(mintEnv))).toEqual([]);
    expect(await totalSupply(u)).toBe("105");

    const lockEnv = u.network.envelope(alice, u.pid, { [Tags.Action]: Actions.Lock, [Tags.Locker]: newId(), [Tags.Quantity]: "40" });
    await u.network.sendEnvelope(lockEnv);
    expect(replies(await u.network.sendEnvelope(lockEnv))).toEqual([]);
    expect(await balance(u, alice)).toEqual({ balance: "70", locked: "40" });

    await send(u, u.admin, { [Tags.Action]: Actions.SetFaucet, [Tags.Quantity]: "9", [Tags.Period]: "1" });
    const claim = u.network.envelope(bob, u.pid, { [Tags.Action]: Actions.Faucet });
    await u.network.sendEnvelope(claim);
    u.network.advance(1000); // the period is over, yet the same message is still not a second claim
    expect(replies(await u.network.sendEnvelope(claim))).toEqual([]);
    expect(await balance(u, bob)).toEqual({ balance: "44", locked: "0" });
  });

  it("of a refused message is not answered twice", async () => {
    const env = u.network.envelope(bob, u.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: alice, [Tags.Quantity]: "1000" });
    const first = await u.network.sendEnvelope(env);
    expect(messagesTo(first, bob).map((e) => e.tags[Tags.Action])).toEqual([Actions.TransferError]);
    expect(replies(await u.network.sendEnvelope(env))).toEqual([]);
  });
});

describe("dry-run", () => {
  it("answers Balance, Balances, Info and even a Transfer, but changes nothing", async () => {
    const u = await spawnUsda();
    const alice = newId();
    await mint(u, alice, "10");
    const before = await ledger(u);
    const out = await u.network.query(alice, u.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: newId(), [Tags.Quantity]: "10" });
    expect(out.map((o) => o.tags[Tags.Action])).toEqual([Actions.DebitNotice, Actions.CreditNotice]);
    expect(await ledger(u)).toEqual(before);
    expect(await balance(u, alice)).toEqual({ balance: "10", locked: "0" });
    const balances = await u.network.query(newId(), u.pid, { [Tags.Action]: Actions.Balances });
    expect(JSON.parse(balances[0].data)).toEqual({ [alice]: "10" });
  });
});
