/**
 * The aos token blueprint's published form, as any AO wallet or explorer reads a token: `token-info` and a `balances`
 * trie at the root of the process state (HyperBEAM dev_patch), set in the same evaluation as each change — here read
 * as a HyperBEAM node serves `/<pid>~process@1.0/now/balances/<address>` (libs/testing's readState).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Actions, BlueprintKeys, Tags, blueprintBalancePath } from "@tim3/protocol";
import { newId } from "@tim3/testing";
import { ledger, mint, send, spawnUsda, type Usda } from "./helpers";

describe("blueprint form at the state's root", () => {
  let u: Usda;
  beforeAll(async () => {
    u = await spawnUsda();
  });

  it("publishes balances as a trie keyed by the exact address, and token-info, with each Mint and Transfer", async () => {
    // Addresses that differ only in case are different holders (a trie's keys are binary).
    const alice = "aB" + newId().slice(2);
    const bob = "Ab" + alice.slice(2);
    expect(u.p.readState([BlueprintKeys.Balances])).toMatchObject({ device: "trie@1.0" });
    await mint(u, alice, "1000");
    expect(u.p.readState(blueprintBalancePath(alice))).toBe("1000");
    expect(u.p.readState(blueprintBalancePath(bob))).toBeUndefined();
    await send(u, alice, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: bob, [Tags.Quantity]: "250" });
    const l = await ledger(u);
    expect(u.p.readState(blueprintBalancePath(alice))).toBe(l.balances[alice]);
    expect(u.p.readState(blueprintBalancePath(alice))).toBe("750");
    expect(u.p.readState(blueprintBalancePath(bob))).toBe("250");
    expect(u.p.readState([BlueprintKeys.TokenInfo])).toMatchObject({ ticker: "USDA", denomination: "12", supply: l.totalSupply });
  });

  it("publishes an account that emptied its balance once more, with 0, and never a stranger who only asked", async () => {
    const carol = newId();
    const dave = newId();
    await mint(u, carol, "5");
    await send(u, carol, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: dave, [Tags.Quantity]: "5" });
    expect(u.p.readState(blueprintBalancePath(carol))).toBe("0");
    expect(u.p.readState(blueprintBalancePath(dave))).toBe("5");
    const stranger = newId();
    await send(u, stranger, { [Tags.Action]: Actions.Balance });
    expect(u.p.readState(blueprintBalancePath(stranger))).toBeUndefined();
  });
});
