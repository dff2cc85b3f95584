/** Signers: a Node JWK or a browser wallet (Wander / ArConnect), each with the address it signs as. */
import { createDataItemSigner } from "@permaweb/aoconnect";

/** An aoconnect data-item signer plus the address its messages come from. */
export interface Tim3Signer {
  /** Passed to aoconnect's spawn/message as `signer`. */
  readonly signer: unknown;
  address(): Promise<string>;
}

export interface ArweaveJwk {
  kty: string;
  n: string;
  e: string;
  [k: string]: unknown;
}

/** The wallet interface `window.arweaveWallet` offers (the parts TIM3 uses). */
export interface BrowserWallet {
  getActiveAddress(): Promise<string>;
  [k: string]: unknown;
}

function base64UrlToBytes(s: string): Uint8Array<ArrayBuffer> {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  const bin = globalThis.atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function bytesToBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return globalThis.btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** An Arweave address: base64url(sha256(modulus)). */
export async function jwkAddress(jwk: Pick<ArweaveJwk, "n">): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", base64UrlToBytes(jwk.n));
  return bytesToBase64Url(new Uint8Array(digest));
}

export function nodeSigner(jwk: ArweaveJwk): Tim3Signer {
  const signer = createDataItemSigner(jwk);
  let address: Promise<string> | undefined;
  return { signer, address: () => (address ??= jwkAddress(jwk)) };
}

export function browserSigner(wallet: BrowserWallet): Tim3Signer {
  return { signer: createDataItemSigner(wallet), address: () => wallet.getActiveAddress() };
}
