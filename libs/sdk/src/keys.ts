/**
 * Arweave keys, once for the whole workspace: the JWK type, base64url, the address of a key, a fresh RSA-4096 key
 * and ANS-104 data-item signing. Dependency-free apart from WebCrypto (Node ≥ 20 and browsers) and, lazily, arbundles
 * (the library aoconnect itself signs with), so a browser bundle can import it without pulling in aoconnect.
 * Published as `@tim3/sdk/keys`; `@tim3/sdk` re-exports it.
 */

/** An Arweave key (RSA JWK). Private parts are present only where the key signs. */
export interface ArweaveJwk {
  kty: string;
  n: string;
  e: string;
  d?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
  [k: string]: unknown;
}

/** What an ANS-104 data item carries (the shape Wander's `signDataItem` takes). */
export interface DataItemInput {
  data?: string | Uint8Array | ArrayBuffer;
  tags?: { name: string; value: string }[];
  target?: string;
  anchor?: string;
}

export function base64UrlToBytes(s: string): Uint8Array<ArrayBuffer> {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  const bin = globalThis.atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return globalThis.btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** An Arweave address: base64url(sha256(modulus)). */
export async function jwkAddress(jwk: Pick<ArweaveJwk, "n">): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", base64UrlToBytes(jwk.n));
  return bytesToBase64Url(new Uint8Array(digest));
}

/** Only the JWK members of an RSA key (WebCrypto and node:crypto exports add `alg`, `ext`, `key_ops`). */
export function rsaJwk(jwk: ArweaveJwk): ArweaveJwk {
  const { kty, n, e, d, p, q, dp, dq, qi } = jwk;
  return { kty, n, e, d, p, q, dp, dq, qi };
}

/** A fresh RSA-4096 Arweave key, made with WebCrypto. */
export async function generateJwk(): Promise<ArweaveJwk> {
  const pair = await globalThis.crypto.subtle.generateKey(
    { name: "RSA-PSS", modulusLength: 4096, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  );
  return rsaJwk((await globalThis.crypto.subtle.exportKey("jwk", pair.privateKey)) as ArweaveJwk);
}

/** A signed ANS-104 data item (Arweave signature) as raw bytes, and its id; signed by arbundles. */
export async function signDataItem(jwk: ArweaveJwk, item: DataItemInput): Promise<{ raw: Uint8Array; id: string }> {
  const { ArweaveSigner, createData } = await import("@dha-team/arbundles");
  const signer = new ArweaveSigner(rsaJwk(jwk) as never);
  const data = item.data === undefined ? "" : item.data instanceof ArrayBuffer ? new Uint8Array(item.data) : item.data;
  const dataItem = createData(data, signer, { tags: item.tags, target: item.target || undefined, anchor: item.anchor || undefined });
  await dataItem.sign(signer);
  return { raw: new Uint8Array(dataItem.getRaw()), id: dataItem.id };
}
