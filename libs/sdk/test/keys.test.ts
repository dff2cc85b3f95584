/**
 * @tim3/sdk/keys signs with @dha-team/arbundles; the checks here use independent verifiers: the original `arbundles`
 * package parses and verifies the item, and node:crypto checks the RSA-PSS signature over the signed message.
 */
import { DataItem } from "arbundles";
import { constants, createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { base64UrlToBytes, bytesToBase64Url, jwkAddress, signDataItem, type ArweaveJwk } from "../src/keys";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 4096, publicExponent: 65537 });
const jwk = privateKey.export({ format: "jwk" }) as ArweaveJwk;

async function rsaPssValid(raw: Uint8Array): Promise<boolean> {
  const item = new DataItem(Buffer.from(raw));
  const message = await item.getSignatureData();
  const key = createPublicKey({ key: { kty: "RSA", n: item.owner, e: "AQAB" }, format: "jwk" });
  return verify("sha256", message, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, item.rawSignature);
}

describe("keys", () => {
  it("round-trips base64url", () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    expect(bytesToBase64Url(bytes)).toBe(Buffer.from(bytes).toString("base64url"));
    expect(Array.from(base64UrlToBytes(Buffer.from(bytes).toString("base64url")))).toEqual(Array.from(bytes));
  });

  it("derives the address node:crypto derives", async () => {
    const expected = (await import("node:crypto")).createHash("sha256").update(Buffer.from(jwk.n, "base64url")).digest("base64url");
    expect(await jwkAddress(jwk)).toBe(expected);
  });

  it("signs data items an independent verifier accepts", async () => {
    const target = "VQYDAqH08jvOY31IWnBrym8Kh3jAJj1DZheQ2z1k8sc";
    const tags = [
      { name: "Action", value: "Transfer" },
      { name: "Quantity", value: "1000" },
      { name: "X-Note", value: "ünïcode ✓" },
    ];
    const { raw, id } = await signDataItem(jwk, { data: "hello", tags, target, anchor: "a".repeat(32) });
    const item = new DataItem(Buffer.from(raw));
    expect(await DataItem.verify(Buffer.from(raw))).toBe(true);
    expect(await rsaPssValid(raw)).toBe(true);
    expect(item.id).toBe(id);
    expect(item.target).toBe(target);
    expect(item.tags).toEqual(tags);
    expect(item.owner).toBe(jwk.n);
    expect(Buffer.from(item.rawData).toString()).toBe("hello");
  });

  it("signs without tags, target or anchor", async () => {
    const { raw } = await signDataItem(jwk, { data: new Uint8Array([1, 2, 3]) });
    expect(await DataItem.verify(Buffer.from(raw))).toBe(true);
    expect(await rsaPssValid(raw)).toBe(true);
  });

  it("a tampered item fails verification", async () => {
    const { raw } = await signDataItem(jwk, { data: "hello", tags: [{ name: "Action", value: "Transfer" }] });
    const bad = Uint8Array.from(raw);
    bad[bad.length - 1] ^= 1;
    expect(await DataItem.verify(Buffer.from(bad))).toBe(false);
    expect(await rsaPssValid(bad)).toBe(false);
  });
});
