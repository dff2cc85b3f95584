/** Signers: a Node JWK or a browser wallet (Wander / ArConnect), each with the address it signs as. */
import { createDataItemSigner } from "@permaweb/aoconnect";
import { jwkAddress, type ArweaveJwk } from "./keys";

/** An aoconnect data-item signer plus the address its messages come from. */
export interface Tim3Signer {
  /** Passed to aoconnect's spawn/message as `signer`. */
  readonly signer: unknown;
  address(): Promise<string>;
}

/** The wallet interface `window.arweaveWallet` offers (the parts TIM3 uses). */
export interface BrowserWallet {
  getActiveAddress(): Promise<string>;
  [k: string]: unknown;
}

export function nodeSigner(jwk: ArweaveJwk): Tim3Signer {
  const signer = createDataItemSigner(jwk);
  let address: Promise<string> | undefined;
  return { signer, address: () => (address ??= jwkAddress(jwk)) };
}

export function browserSigner(wallet: BrowserWallet): Tim3Signer {
  return { signer: createDataItemSigner(wallet), address: () => wallet.getActiveAddress() };
}
