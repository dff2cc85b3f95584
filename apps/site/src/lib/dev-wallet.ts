/**
 * The devnet's built-in dev wallet: an RSA-4096 Arweave key made and kept in this browser (localStorage), offered
 * through the same calls as Wander (connect, getActiveAddress, signDataItem, …) so the SDK's browserSigner works
 * with either. Keys and ANS-104 signing come from @tim3/sdk/keys (arbundles underneath).
 * Devnet only: the key never leaves the page, and nothing of value should ever be held by it.
 */
import { jwkAddress, signDataItem, type ArweaveJwk, type DataItemInput } from "@tim3/sdk/keys";

export { generateJwk as generateDevKey } from "@tim3/sdk/keys";

/** The subset of the Wander (window.arweaveWallet) API the site and aoconnect use. */
export interface WanderLike {
  connect(permissions: string[], appInfo?: { name?: string; logo?: string }): Promise<void>;
  disconnect(): Promise<void>;
  getActiveAddress(): Promise<string>;
  getPermissions(): Promise<string[]>;
  getActivePublicKey(): Promise<string>;
  signDataItem(item: DataItemInput): Promise<ArrayBuffer>;
}

/** A Wander-shaped wallet over a JWK held in the page. */
export function devWallet(jwk: ArweaveJwk): WanderLike {
  let address: Promise<string> | undefined;
  let permissions: string[] = [];
  return {
    async connect(p) {
      permissions = Array.from(new Set([...permissions, ...p]));
    },
    async disconnect() {
      permissions = [];
    },
    getActiveAddress: () => (address ??= jwkAddress(jwk)),
    async getPermissions() {
      return permissions;
    },
    async getActivePublicKey() {
      return jwk.n;
    },
    async signDataItem(item) {
      const { raw } = await signDataItem(jwk, item);
      return raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength) as ArrayBuffer;
    },
  };
}
