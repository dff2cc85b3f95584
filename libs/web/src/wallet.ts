/** The injected Wander wallet (`window.arweaveWallet`): what both apps ask of it and how they find it. */

/** What an app asks Wander for: the address, and signing (aoconnect signs data items with signDataItem). */
export const WANDER_PERMISSIONS = ["ACCESS_ADDRESS", "SIGN_TRANSACTION"];

/** The Wander calls the apps make themselves (aoconnect's browser signer uses more). */
export interface InjectedWallet {
  connect(permissions: string[], appInfo?: { name?: string; logo?: string }): Promise<void>;
  disconnect(): Promise<void>;
  getActiveAddress(): Promise<string>;
  getPermissions(): Promise<string[]>;
}

/** The wallet Wander injects (`window.arweaveWallet`), if any. */
export function injectedWallet<W extends InjectedWallet = InjectedWallet>(): W | undefined {
  if (typeof window === "undefined") return undefined;
  return (window as unknown as { arweaveWallet?: W }).arweaveWallet;
}

/** Reconnects silently (after a reload) when the wallet still grants WANDER_PERMISSIONS; otherwise does nothing. */
export function reconnectIfGranted(wallet: Pick<InjectedWallet, "getPermissions">, connect: () => Promise<void>): void {
  void wallet
    .getPermissions()
    .then((p) => (WANDER_PERMISSIONS.every((x) => p.includes(x)) ? connect() : undefined))
    .catch(() => undefined);
}

/** Connects Wander (asking for WANDER_PERMISSIONS) and returns it; throws a sentence to show when it is missing. */
export async function connectWander<W extends InjectedWallet = InjectedWallet>(appInfo: { name?: string; logo?: string }): Promise<W> {
  const w = injectedWallet<W>();
  if (w === undefined) throw new Error("Wander is not installed (no window.arweaveWallet)");
  await w.connect(WANDER_PERMISSIONS, appInfo);
  return w;
}
