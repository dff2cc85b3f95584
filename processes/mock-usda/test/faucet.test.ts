/**
 * The devnet faucet: off until the admin sets an amount and a period with Set-Faucet; then each address may claim up
 * to that amount once per period (a claim is a mint). Time moves with `network.advance`.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { newId } from "@tim3/testing";
import { balance, expectRejected, onlyTo, send, spawnUsda, totalSupply, type Usda } from "./helpers";

const HOUR = 3_600_000;

describe("Faucet", () => {
  let u: Usda;
  const alice = newId();
  const bob = newId();
  beforeAll(async () => {
    u = await spawnUsda();
  });

  it("is off until the admin turns it on", async () => {
    await expectRejected(u, alice, { [Tags.Action]: Actions.Faucet }, "The faucet is off");
    await expectRejected(u, alice, { [Tags.Action]: Actions.Faucet, [Tags.Quantity]: "1" }, "The faucet is off");
  });

  it("cannot be set by anyone but the admin", async () => {
    await expectRejected(u, alice, { [Tags.Action]: Actions.SetFaucet, [Tags.Quantity]: "1000", [Tags.Period]: "1" }, "Only the admin may do this");
  });

  it("refuses a malformed Period, changing nothing (not even the amount)", async () => {
    const set = (period: string) => ({ [Tags.Action]: Actions.SetFaucet, [Tags.Quantity]: "1000", [Tags.Period]: period });
    await expectRejected(u, u.admin, set("0"), "Period must be greater than 0 (milliseconds)");
    await expectRejected(u, u.admin, set("1h"), 'Period must contain only the digits 0-9 (got "1h") (milliseconds)');
    await expectRejected(u, u.admin, set("-5"), 'Period must contain only the digits 0-9 (got "-5") (milliseconds)');
    await expectRejected(u, u.admin, set("1000000000000"), "Period must be below 10^12 milliseconds");
  });

  it("Set-Faucet with Quantity and Period answers Set-Faucet-Done with both", async () => {
    const { log } = await send(u, u.admin, { [Tags.Action]: Actions.SetFaucet, [Tags.Quantity]: "1000", [Tags.Period]: String(HOUR) });
    expect(onlyTo(log, u.admin).tags).toMatchObject({ [Tags.Action]: Actions.SetFaucetDone, [Tags.Quantity]: "1000", [Tags.Period]: String(HOUR) });
  });

  it("gives the full amount when no Quantity is asked, and answers Faucet-Done", async () => {
    const { log } = await send(u, alice, { [Tags.Action]: Actions.Faucet });
    expect(onlyTo(log, alice).tags).toMatchObject({ [Tags.Action]: Actions.FaucetDone, [Tags.Quantity]: "1000" });
    expect(await balance(u, alice)).toEqual({ balance: "1000", locked: "0" });
    expect(await totalSupply(u)).toBe("1000");
  });

  it("refuses a second claim in the same period, saying when the next one opens, and changes nothing", async () => {
    const claimedAt = u.network.now();
    u.network.advance(HOUR / 2);
    const reply = await expectRejected(u, alice, { [Tags.Action]: Actions.Faucet, [Tags.Quantity]: "1" }, /^Already claimed; the next claim opens at \d+$/);
    const next = Number(reply.tags[Tags.NextClaim]);
    expect(reply.tags[Tags.Error]).toBe("Already claimed; the next claim opens at " + reply.tags[Tags.NextClaim]);
    expect(next).toBeGreaterThan(u.network.now());
    expect(next).toBeLessThanOrEqual(claimedAt + HOUR);
  });

  it("caps each claim at the amount, per address", async () => {
    await expectRejected(u, bob, { [Tags.Action]: Actions.Faucet, [Tags.Quantity]: "1001" }, "The faucet gives at most 1000 per period");
    const { log } = await send(u, bob, { [Tags.Action]: Actions.Faucet, [Tags.Quantity]: "400" });
    expect(onlyTo(log, bob).tags).toMatchObject({ [Tags.Action]: Actions.FaucetDone, [Tags.Quantity]: "400" });
    // A partial claim still uses the period up.
    await expectRejected(u, bob, { [Tags.Action]: Actions.Faucet, [Tags.Quantity]: "600" }, /^Already claimed/);
    expect(await balance(u, bob)).toEqual({ balance: "400", locked: "0" });
  });

  it("opens again exactly when the period has passed", async () => {
    const probe = await u.network.query(alice, u.pid, { [Tags.Action]: Actions.Faucet });
    const opensAt = Number(probe[0].tags[Tags.NextClaim]);
    // The next message is stamped one millisecond after now(): land it one millisecond before the opening.
    u.network.advance(opensAt - u.network.now() - 2);
    await expectRejected(u, alice, { [Tags.Action]: Actions.Faucet }, /^Already claimed/);
    // This one is stamped exactly at the opening.
    const { log } = await send(u, alice, { [Tags.Action]: Actions.Faucet });
    expect(onlyTo(log, alice).tags[Tags.Action]).toBe(Actions.FaucetDone);
    expect(await balance(u, alice)).toEqual({ balance: "2000", locked: "0" });
    expect(await totalSupply(u)).toBe("2400");
  });

  it("a new amount applies at once; without Period the period is kept; Quantity 0 switches it off", async () => {
    const { log } = await send(u, u.admin, { [Tags.Action]: Actions.SetFaucet, [Tags.Quantity]: "5" });
    expect(onlyTo(log, u.admin).tags).toMatchObject({ [Tags.Quantity]: "5", [Tags.Period]: String(HOUR) });
    const carol = newId();
    await expectRejected(u, carol, { [Tags.Action]: Actions.Faucet, [Tags.Quantity]: "6" }, "The faucet gives at most 5 per period");
    await send(u, carol, { [Tags.Action]: Actions.Faucet });
    expect(await balance(u, carol)).toEqual({ balance: "5", locked: "0" });

    await send(u, u.admin, { [Tags.Action]: Actions.SetFaucet, [Tags.Quantity]: "0" });
    u.network.advance(10 * HOUR);
    await expectRejected(u, carol, { [Tags.Action]: Actions.Faucet }, "The faucet is off");
    await expectRejected(u, newId(), { [Tags.Action]: Actions.Faucet }, "The faucet is off");
  });
});
