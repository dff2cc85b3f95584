/**
 * Escrow: a holder locks part of its balance for a named Locker. The locked part stays in the holder's balance (Balance
 * shows it as Locked) but the holder cannot spend it; only that locker can Unlock it back to the holder or
 * Transfer-Locked it to a recipient.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { messagesTo, newId } from "@tim3/testing";
import { balance, expectRejected, ledger, mint, onlyTo, replies, send, spawnUsda, totalSupply, type Usda } from "./helpers";

describe("Lock", () => {
  let u: Usda;
  const alice = newId();
  const locker = newId();
  const other = newId();
  beforeAll(async () => {
    u = await spawnUsda();
    await mint(u, alice, "1000");
  });

  it("keeps the funds in the holder's balance, shows them as Locked and answers Lock-Done", async () => {
    const { log } = await send(u, alice, { [Tags.Action]: Actions.Lock, [Tags.Locker]: locker, [Tags.Quantity]: "600" });
    expect(replies(log)).toHaveLength(1);
    expect(onlyTo(log, alice).tags).toMatchObject({ [Tags.Action]: Actions.LockDone, [Tags.Locker]: locker, [Tags.Quantity]: "600", [Tags.Locked]: "600" });
    expect(await balance(u, alice)).toEqual({ balance: "1000", locked: "600" });
    const reply = onlyTo((await send(u, alice, { [Tags.Action]: Actions.Balance })).log, alice);
    expect(reply.tags).toMatchObject({ [Tags.Balance]: "1000", [Tags.Locked]: "600" });
    expect(await totalSupply(u)).toBe("1000");
  });

  it("adds up across lockers; Lock-Done reports the holder's total locked", async () => {
    const { log } = await send(u, alice, { [Tags.Action]: Actions.Lock, [Tags.Locker]: other, [Tags.Quantity]: "100" });
    expect(onlyTo(log, alice).tags).toMatchObject({ [Tags.Locker]: other, [Tags.Quantity]: "100", [Tags.Locked]: "700" });
    expect(await balance(u, alice)).toEqual({ balance: "1000", locked: "700" });
  });

  it("locked funds cannot be transferred or burnt by the holder; the unlocked rest can", async () => {
    await expectRejected(u, alice, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: newId(), [Tags.Quantity]: "301" }, "Insufficient unlocked balance");
    await expectRejected(u, alice, { [Tags.Action]: Actions.Burn, [Tags.Quantity]: "301" }, "Insufficient unlocked balance");
    const bob = newId();
    await send(u, alice, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "300" });
    expect(await balance(u, alice)).toEqual({ balance: "700", locked: "700" });
    await expectRejected(u, alice, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "1" }, "Insufficient unlocked balance");
  });

  it("cannot lock more than the unlocked balance, changing nothing", async () => {
    await expectRejected(u, alice, { [Tags.Action]: Actions.Lock, [Tags.Locker]: locker, [Tags.Quantity]: "1" }, "Insufficient unlocked balance");
    await expectRejected(u, newId(), { [Tags.Action]: Actions.Lock, [Tags.Locker]: locker, [Tags.Quantity]: "1" }, "Insufficient unlocked balance");
  });

  it("refuses a missing, malformed or self Locker, changing nothing", async () => {
    const carol = newId();
    await mint(u, carol, "10");
    await expectRejected(u, carol, { [Tags.Action]: Actions.Lock, [Tags.Quantity]: "1" }, "Locker is required");
    await expectRejected(u, carol, { [Tags.Action]: Actions.Lock, [Tags.Locker]: "vault", [Tags.Quantity]: "1" }, "Locker must be an address (got vault)");
    await expectRejected(u, carol, { [Tags.Action]: Actions.Lock, [Tags.Locker]: carol, [Tags.Quantity]: "1" }, "A holder cannot lock funds for itself");
  });
});

describe("Unlock and Transfer-Locked", () => {
  let u: Usda;
  const alice = newId();
  const locker = newId();
  const other = newId();
  const bob = newId();
  beforeAll(async () => {
    u = await spawnUsda();
    await mint(u, alice, "1000");
    await send(u, alice, { [Tags.Action]: Actions.Lock, [Tags.Locker]: locker, [Tags.Quantity]: "500" });
    await send(u, alice, { [Tags.Action]: Actions.Lock, [Tags.Locker]: other, [Tags.Quantity]: "200" });
    expect(await balance(u, alice)).toEqual({ balance: "1000", locked: "700" });
  });

  it("only the locker may unlock: the holder, a stranger or another locker are refused, changing nothing", async () => {
    const unlock = { [Tags.Action]: Actions.Unlock, [Tags.Holder]: alice, [Tags.Quantity]: "1" };
    await expectRejected(u, alice, unlock, `Only 0 is locked for you by ${alice}`);
    await expectRejected(u, newId(), unlock, `Only 0 is locked for you by ${alice}`);
    await expectRejected(u, other, { ...unlock, [Tags.Quantity]: "201" }, `Only 200 is locked for you by ${alice}`);
  });

  it("the locker cannot release more than it holds, changing nothing", async () => {
    await expectRejected(u, locker, { [Tags.Action]: Actions.Unlock, [Tags.Holder]: alice, [Tags.Quantity]: "501" }, `Only 500 is locked for you by ${alice}`);
    await expectRejected(
      u,
      locker,
      { [Tags.Action]: Actions.TransferLocked, [Tags.Holder]: alice, [Tags.Recipient]: bob, [Tags.Quantity]: "501" },
      `Only 500 is locked for you by ${alice}`,
    );
  });

  it("refuses a missing or malformed Holder or Recipient, changing nothing", async () => {
    await expectRejected(u, locker, { [Tags.Action]: Actions.Unlock, [Tags.Quantity]: "1" }, "Holder is required");
    await expectRejected(u, locker, { [Tags.Action]: Actions.Unlock, [Tags.Holder]: "alice", [Tags.Quantity]: "1" }, "Holder must be an address (got alice)");
    await expectRejected(u, locker, { [Tags.Action]: Actions.TransferLocked, [Tags.Holder]: alice, [Tags.Quantity]: "1" }, "Recipient is required");
    await expectRejected(
      u,
      locker,
      { [Tags.Action]: Actions.TransferLocked, [Tags.Holder]: alice, [Tags.Recipient]: "bob", [Tags.Quantity]: "1" },
      "Recipient must be an address (got bob)",
    );
  });

  it("Unlock by the locker gives the funds back to the holder: both hear Unlock-Done", async () => {
    const { log } = await send(u, locker, { [Tags.Action]: Actions.Unlock, [Tags.Holder]: alice, [Tags.Quantity]: "150" });
    expect(replies(log)).toHaveLength(2);
    expect(onlyTo(log, locker).tags).toMatchObject({ [Tags.Action]: Actions.UnlockDone, [Tags.Holder]: alice, [Tags.Quantity]: "150" });
    expect(onlyTo(log, alice).tags).toMatchObject({ [Tags.Action]: Actions.UnlockDone, [Tags.Locker]: locker, [Tags.Quantity]: "150" });
    expect(await balance(u, alice)).toEqual({ balance: "1000", locked: "550" });
    // The unlocked funds are the holder's to spend again.
    const spent = await send(u, alice, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "450" });
    expect(onlyTo(spent.log, alice).tags[Tags.Action]).toBe(Actions.DebitNotice);
    expect(await balance(u, alice)).toEqual({ balance: "550", locked: "550" });
    expect(await balance(u, bob)).toEqual({ balance: "450", locked: "0" });
  });

  it("Transfer-Locked by the locker moves locked funds out: Debit-Notice to the holder, Credit-Notice to the recipient with X- tags, Transfer-Locked-Done to the locker", async () => {
    const carol = newId();
    const { log } = await send(u, locker, {
      [Tags.Action]: Actions.TransferLocked,
      [Tags.Holder]: alice,
      [Tags.Recipient]: carol,
      [Tags.Quantity]: "120",
      [Tags.XRequestId]: "settle-1",
    });
    const debit = onlyTo(log, alice);
    const credit = onlyTo(log, carol);
    const done = onlyTo(log, locker);
    expect(replies(log)).toHaveLength(3);
    expect(debit.tags).toMatchObject({ [Tags.Action]: Actions.DebitNotice, [Tags.Recipient]: carol, [Tags.Quantity]: "120", [Tags.XRequestId]: "settle-1" });
    expect(credit.tags).toMatchObject({ [Tags.Action]: Actions.CreditNotice, [Tags.Sender]: alice, [Tags.Quantity]: "120", [Tags.XRequestId]: "settle-1" });
    expect(done.tags).toMatchObject({ [Tags.Action]: Actions.TransferLockedDone, [Tags.Holder]: alice, [Tags.Recipient]: carol, [Tags.Quantity]: "120" });
    expect(await balance(u, alice)).toEqual({ balance: "430", locked: "430" });
    expect(await balance(u, carol)).toEqual({ balance: "120", locked: "0" });
    expect(await totalSupply(u)).toBe("1000");
  });

  it("a locker can send locked funds to itself, and each locker only ever reaches its own part", async () => {
    const { log } = await send(u, other, { [Tags.Action]: Actions.TransferLocked, [Tags.Holder]: alice, [Tags.Recipient]: other, [Tags.Quantity]: "200" });
    expect(messagesTo(log, other).map((e) => e.tags[Tags.Action]).sort()).toEqual([Actions.CreditNotice, Actions.TransferLockedDone]);
    expect(await balance(u, alice)).toEqual({ balance: "230", locked: "230" });
    expect(await balance(u, other)).toEqual({ balance: "200", locked: "0" });
    await expectRejected(u, other, { [Tags.Action]: Actions.Unlock, [Tags.Holder]: alice, [Tags.Quantity]: "1" }, `Only 0 is locked for you by ${alice}`);
    // The first locker's remaining 230 is untouched by the second's moves.
    await send(u, locker, { [Tags.Action]: Actions.Unlock, [Tags.Holder]: alice, [Tags.Quantity]: "230" });
    expect(await balance(u, alice)).toEqual({ balance: "230", locked: "0" });
    const l = await ledger(u);
    expect(l.locked).toEqual({});
    expect(await u.p.read("MockUsda.escrow[ [[" + alice + "]] ] == nil")).toBe(true);
  });
});

describe("escrow memory", () => {
  it("a holder whose escrow is all unlocked leaves no entry behind (a stranger's lock and unlock keep nothing)", async () => {
    const u = await spawnUsda();
    const [holder, locker] = [newId(), newId()];
    await mint(u, holder, "10");
    await send(u, holder, { [Tags.Action]: Actions.Lock, [Tags.Locker]: locker, [Tags.Quantity]: "10" });
    await send(u, locker, { [Tags.Action]: Actions.Unlock, [Tags.Holder]: holder, [Tags.Quantity]: "10" });
    expect(await u.p.read(`MockUsda.escrow["${holder}"] == nil`)).toBe(true);
    expect(await balance(u, holder)).toEqual({ balance: "10", locked: "0" });
  });
});
