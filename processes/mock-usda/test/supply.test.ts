/** Supply: the admin mints to a Recipient; any holder burns its own (unlocked) balance; Total-Supply follows both. */
import { beforeAll, describe, expect, it } from "vitest";
import { Actions, PeerTags, Tags } from "@tim3/protocol";
import { newId } from "@tim3/testing";
import { balance, expectRejected, ledger, mint, onlyTo, replies, send, spawnUsda, sum, totalSupply, type Usda } from "./helpers";

describe("Mint", () => {
  let u: Usda;
  const alice = newId();
  beforeAll(async () => {
    u = await spawnUsda();
  });

  it("by the admin credits the Recipient, raises the supply and answers Mint-Done", async () => {
    const { log } = await send(u, u.admin, { [Tags.Action]: Actions.Mint, [Tags.Recipient]: alice, [Tags.Quantity]: "500" });
    expect(replies(log)).toHaveLength(1);
    expect(onlyTo(log, u.admin).tags).toMatchObject({ [Tags.Action]: Actions.MintDone, [Tags.Recipient]: alice, [Tags.Quantity]: "500" });
    expect(await balance(u, alice)).toEqual({ balance: "500", locked: "0" });
    expect(await totalSupply(u)).toBe("500");
    await mint(u, alice, "25");
    expect(await balance(u, alice)).toEqual({ balance: "525", locked: "0" });
    expect(await totalSupply(u)).toBe("525");
  });

  it("without a Recipient credits the admin itself", async () => {
    const { log } = await send(u, u.admin, { [Tags.Action]: Actions.Mint, [Tags.Quantity]: "7" });
    expect(onlyTo(log, u.admin).tags[Tags.Recipient]).toBe(u.admin);
    expect(await balance(u, u.admin)).toEqual({ balance: "7", locked: "0" });
    expect(await totalSupply(u)).toBe("532");
  });

  it("by a stranger, or by a holder, is refused and changes nothing", async () => {
    await expectRejected(u, newId(), { [Tags.Action]: Actions.Mint, [Tags.Recipient]: alice, [Tags.Quantity]: "1000" }, "Only the admin may do this");
    await expectRejected(u, alice, { [Tags.Action]: Actions.Mint, [Tags.Quantity]: "1000" }, "Only the admin may do this");
  });

  it("to a Recipient that is not an address is refused and changes nothing", async () => {
    await expectRejected(
      u,
      u.admin,
      { [Tags.Action]: Actions.Mint, [Tags.Recipient]: "alice", [Tags.Quantity]: "1" },
      "Recipient must be an address (got alice)",
    );
  });

  it("follows the admin when the admin hands over with Configure; the old admin is then a stranger", async () => {
    const v = await spawnUsda();
    const next = newId();
    await expectRejected(v, newId(), { [Tags.Action]: Actions.Configure, [PeerTags.Admin]: newId() }, "Only the admin may do this");
    const { log } = await send(v, v.admin, { [Tags.Action]: Actions.Configure, [PeerTags.Admin]: next });
    expect(onlyTo(log, v.admin).tags).toMatchObject({ [Tags.Action]: Actions.ConfigureDone, [PeerTags.Admin]: next });
    v.p.operator = next;
    await expectRejected(v, v.admin, { [Tags.Action]: Actions.Mint, [Tags.Recipient]: alice, [Tags.Quantity]: "1" }, "Only the admin may do this");
    const minted = await send(v, next, { [Tags.Action]: Actions.Mint, [Tags.Recipient]: alice, [Tags.Quantity]: "3" });
    expect(onlyTo(minted.log, next).tags[Tags.Action]).toBe(Actions.MintDone);
    expect(await balance(v, alice)).toEqual({ balance: "3", locked: "0" });
    const info = await v.network.query(newId(), v.pid, { [Tags.Action]: Actions.Info });
    expect(info[0].tags[PeerTags.Admin]).toBe(next);
  });

  it("Configure refuses peers a token has none of, and a malformed Admin, changing nothing", async () => {
    await expectRejected(u, u.admin, { [Tags.Action]: Actions.Configure, [PeerTags.Coordinator]: newId() }, "Coordinator-Process is not configurable on Mock USDA");
    await expectRejected(u, u.admin, { [Tags.Action]: Actions.Configure, [PeerTags.Admin]: "me" }, "Admin must be a process id or address (got me)");
    await expectRejected(u, u.admin, { [Tags.Action]: Actions.Configure }, "Configure needs at least one of: Admin");
  });
});

describe("Burn", () => {
  let u: Usda;
  const alice = newId();
  const bob = newId();
  beforeAll(async () => {
    u = await spawnUsda();
    await mint(u, alice, "300");
    await mint(u, bob, "50");
  });

  it("destroys part of the sender's own balance and lowers the supply", async () => {
    const { log } = await send(u, alice, { [Tags.Action]: Actions.Burn, [Tags.Quantity]: "120" });
    expect(replies(log)).toHaveLength(1);
    expect(onlyTo(log, alice).tags).toMatchObject({ [Tags.Action]: Actions.BurnDone, [Tags.Quantity]: "120" });
    expect(await balance(u, alice)).toEqual({ balance: "180", locked: "0" });
    expect(await balance(u, bob)).toEqual({ balance: "50", locked: "0" });
    expect(await totalSupply(u)).toBe("230");
  });

  it("of the whole balance leaves the holder out of Balances", async () => {
    await send(u, bob, { [Tags.Action]: Actions.Burn, [Tags.Quantity]: "50" });
    expect(await balance(u, bob)).toEqual({ balance: "0", locked: "0" });
    expect(await ledger(u)).toEqual({ balances: { [alice]: "180" }, locked: {}, totalSupply: "180" });
  });

  it("more than the balance, or with no balance at all, is refused and changes nothing", async () => {
    await expectRejected(u, alice, { [Tags.Action]: Actions.Burn, [Tags.Quantity]: "181" }, "Insufficient balance");
    await expectRejected(u, bob, { [Tags.Action]: Actions.Burn, [Tags.Quantity]: "1" }, "Insufficient balance");
  });

  it("cannot reach funds locked in escrow", async () => {
    await send(u, alice, { [Tags.Action]: Actions.Lock, [Tags.Locker]: newId(), [Tags.Quantity]: "100" });
    await expectRejected(u, alice, { [Tags.Action]: Actions.Burn, [Tags.Quantity]: "81" }, "Insufficient unlocked balance");
    await send(u, alice, { [Tags.Action]: Actions.Burn, [Tags.Quantity]: "80" });
    expect(await balance(u, alice)).toEqual({ balance: "100", locked: "100" });
    expect(await totalSupply(u)).toBe("100");
  });
});

describe("Total-Supply", () => {
  it("always equals the sum of balances through mints, transfers, faucet claims and burns", async () => {
    const u = await spawnUsda();
    const wallets = [newId(), newId(), newId()];
    await send(u, u.admin, { [Tags.Action]: Actions.SetFaucet, [Tags.Quantity]: "40" });
    let expected = 0n;
    for (const [i, w] of wallets.entries()) {
      await mint(u, w, String(100 * (i + 1)));
      await send(u, w, { [Tags.Action]: Actions.Faucet });
      expected += BigInt(100 * (i + 1)) + 40n;
    }
    await send(u, wallets[2], { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: wallets[0], [Tags.Quantity]: "250" });
    await send(u, wallets[0], { [Tags.Action]: Actions.Burn, [Tags.Quantity]: "90" });
    expected -= 90n;
    const l = await ledger(u);
    expect(await totalSupply(u)).toBe(expected.toString());
    expect(sum(l.balances)).toBe(expected.toString());
    expect(l.balances).toEqual({ [wallets[0]]: "300", [wallets[1]]: "240", [wallets[2]]: "90" });
  });
});
