/** Signers: a Node JWK or a browser wallet (Wander / ArConnect), each with the address it signs as. */
import { createSigner } from "@permaweb/aoconnect";
import { jwkAddress, type ArweaveJwk } from "./keys";

/** An aoconnect signer (`createSigner`: ANS-104 data items for a HyperBEAM node) plus the address it signs as. */
export interface Tim3Signer {
  /** Passed to aoconnect's connect({ MODE: "mainnet", signer }). */
  readonly signer: unknown;
  address(): Promise<string>;
}

/** The wallet interface `window.arweaveWallet` offers (the parts TIM3 uses). */
export interface BrowserWallet {
  getActiveAddress(): Promise<string>;
  [k: string]: unknown;
}

export function nodeSigner(jwk: ArweaveJwk): Tim3Signer {
  const signer = createSigner(jwk);
  let address: Promise<string> | undefined;
  return { signer, address: () => (address ??= jwkAddress(jwk)) };
}

export function browserSigner(wallet: BrowserWallet): Tim3Signer {
  return { signer: createSigner(wallet as never), address: () => wallet.getActiveAddress() };
}
