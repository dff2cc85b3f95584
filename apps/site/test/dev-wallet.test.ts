/** The dev wallet's Wander calls; its data items checked by an independent verifier (the original arbundles). */
import { DataItem } from "arbundles";
import { jwkAddress, type ArweaveJwk } from "@tim3/sdk/keys";
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { devWallet } from "../src/lib/dev-wallet";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 4096, publicExponent: 65537 });
const jwk = privateKey.export({ format: "jwk" }) as ArweaveJwk;

describe("dev wallet", () => {
  it("offers the Wander calls the site uses", async () => {
    const w = devWallet(jwk);
    await w.connect(["ACCESS_ADDRESS", "SIGN_TRANSACTION"]);
    expect(await w.getPermissions()).toEqual(["ACCESS_ADDRESS", "SIGN_TRANSACTION"]);
    const address = await w.getActiveAddress();
    expect(address).toBe(await jwkAddress(jwk));
    expect(address).toHaveLength(43);
    const raw = await w.signDataItem({ data: "", tags: [{ name: "Action", value: "Faucet" }] });
    const item = new DataItem(Buffer.from(raw));
    expect(await item.isValid()).toBe(true);
    expect(await DataItem.verify(Buffer.from(raw))).toBe(true);
    expect(item.owner).toBe(jwk.n);
    expect(item.tags).toEqual([{ name: "Action", value: "Faucet" }]);
  });
});
