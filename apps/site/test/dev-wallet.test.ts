/** The dev wallet's WebCrypto ANS-104 signer, checked against arbundles (what aoconnect and the MU use). */
import { DataItem } from "@dha-team/arbundles";
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addressOf, devWallet, serializeTags, signDataItem, type JwkKey } from "../src/lib/dev-wallet";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 4096, publicExponent: 65537 });
const jwk = privateKey.export({ format: "jwk" }) as JwkKey;

describe("dev wallet", () => {
  it("signs data items that arbundles parses and verifies", async () => {
    const target = "VQYDAqH08jvOY31IWnBrym8Kh3jAJj1DZheQ2z1k8sc";
    const tags = [
      { name: "Action", value: "Transfer" },
      { name: "Quantity", value: "1000" },
      { name: "X-Note", value: "ünïcode ✓" },
    ];
    const { raw, id } = await signDataItem(jwk, { data: "hello", tags, target, anchor: "a".repeat(32) });
    const item = new DataItem(Buffer.from(raw));
    expect(await item.isValid()).toBe(true);
    expect(await DataItem.verify(Buffer.from(raw))).toBe(true);
    expect(item.id).toBe(id);
    expect(item.target).toBe(target);
    expect(item.tags).toEqual(tags);
    expect(Buffer.from(item.rawData).toString()).toBe("hello");
  });

  it("signs without tags, target or anchor", async () => {
    const { raw } = await signDataItem(jwk, { data: new Uint8Array([1, 2, 3]) });
    expect(await DataItem.verify(Buffer.from(raw))).toBe(true);
    expect(serializeTags([]).length).toBe(0);
  });

  it("offers the Wander calls the site uses", async () => {
    const w = devWallet(jwk);
    await w.connect(["ACCESS_ADDRESS", "SIGN_TRANSACTION"]);
    expect(await w.getPermissions()).toEqual(["ACCESS_ADDRESS", "SIGN_TRANSACTION"]);
    const address = await w.getActiveAddress();
    expect(address).toBe(await addressOf(jwk));
    expect(address).toHaveLength(43);
    const raw = await w.signDataItem({ data: "", tags: [{ name: "Action", value: "Faucet" }] });
    const item = new DataItem(Buffer.from(raw));
    expect(await item.isValid()).toBe(true);
    expect(item.owner).toBe(jwk.n);
  });
});
