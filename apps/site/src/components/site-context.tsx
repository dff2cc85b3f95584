"use client";
/**
 * The site's runtime: network config (from /config.json), the connected wallet (Wander or the devnet dev wallet)
 * and a TIM3 client signing with it. Everything below the provider reads them with useSite().
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Tim3Client } from "@tim3/sdk";
import { errorText, injectedWallet, parseNetworkConfig, reconnectIfGranted, WANDER_PERMISSIONS, type NetworkConfig } from "@tim3/web";
import { RuntimeStatus, useNetworkConfig, useTim3Client, useWanderEvents } from "@tim3/web/react";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import type { ArweaveJwk } from "@tim3/sdk/keys";
import { devWallet, generateDevKey, type WanderLike } from "../lib/dev-wallet";

const APP_INFO = { name: "TIM3" };
const WALLET_CHOICE_KEY = "tim3.wallet";
const DEV_KEY = "tim3.devWalletKey";

export type WalletKind = "wander" | "dev";

export interface WalletState {
  kind?: WalletKind;
  address?: string;
  connecting: boolean;
  error?: string;
  wanderAvailable: boolean;
  connect(kind: WalletKind): Promise<void>;
  disconnect(): Promise<void>;
}

interface SiteValue {
  config: NetworkConfig;
  client: Tim3Client;
  /** A fresh X-Request-Id, so a flow can be tracked before it is signed. */
  newRequestId: () => string;
  wallet: WalletState;
}

const SiteContext = createContext<SiteValue | undefined>(undefined);

export function useSite(): SiteValue {
  const v = useContext(SiteContext);
  if (v === undefined) throw new Error("useSite outside <Providers>");
  return v;
}

function useWalletState(config: NetworkConfig | undefined): { state: WalletState; provider?: WanderLike } {
  const [kind, setKind] = useState<WalletKind>();
  const [address, setAddress] = useState<string>();
  const [provider, setProvider] = useState<WanderLike>();
  const [connecting, setConnecting] = useState(false);
  const [error, setError] = useState<string>();
  const [wanderAvailable, setWanderAvailable] = useState(false);

  useWanderEvents(setWanderAvailable, setAddress);

  const connect = useCallback(
    async (which: WalletKind) => {
      setConnecting(true);
      setError(undefined);
      try {
        let w: WanderLike;
        if (which === "wander") {
          const injected = injectedWallet<WanderLike>();
          if (injected === undefined) throw new Error("Wander is not installed (no window.arweaveWallet)");
          w = injected;
          await w.connect(WANDER_PERMISSIONS, APP_INFO);
        } else {
          if (!config?.devnet) throw new Error("The dev wallet exists only on the devnet");
          let jwk: ArweaveJwk | undefined;
          const stored = window.localStorage.getItem(DEV_KEY);
          if (stored) jwk = JSON.parse(stored) as ArweaveJwk;
          if (jwk === undefined) {
            jwk = await generateDevKey();
            window.localStorage.setItem(DEV_KEY, JSON.stringify(jwk));
          }
          w = devWallet(jwk);
          await w.connect(WANDER_PERMISSIONS);
        }
        const a = await w.getActiveAddress();
        setProvider(w);
        setKind(which);
        setAddress(a);
        window.localStorage.setItem(WALLET_CHOICE_KEY, which);
      } catch (e) {
        setError(errorText(e));
      } finally {
        setConnecting(false);
      }
    },
    [config?.devnet],
  );

  const disconnect = useCallback(async () => {
    const w = provider;
    setProvider(undefined);
    setKind(undefined);
    setAddress(undefined);
    window.localStorage.removeItem(WALLET_CHOICE_KEY);
    if (w) await w.disconnect().catch(() => undefined);
  }, [provider]);

  // Reconnect silently after a reload when the wallet still grants the permissions.
  useEffect(() => {
    if (config === undefined) return;
    const choice = window.localStorage.getItem(WALLET_CHOICE_KEY);
    if (choice === "dev" && config.devnet && window.localStorage.getItem(DEV_KEY)) void connect("dev");
    const injected = injectedWallet();
    if (choice === "wander" && injected) reconnectIfGranted(injected, () => connect("wander"));
  }, [config, connect]);

  return { state: { kind, address, connecting, error, wanderAvailable, connect, disconnect }, provider };
}

function SiteRuntime({ children }: { children: ReactNode }) {
  const configQuery = useNetworkConfig(parseNetworkConfig, "@tim3/site");
  const config = configQuery.data;
  const { state: wallet, provider } = useWalletState(config);
  // The SDK (aoconnect and its signing stack) is most of the site's JavaScript: it loads after the first paint.
  const { sdk, client } = useTim3Client(config, provider);

  if (configQuery.isError || config === undefined || client === undefined || sdk === undefined) {
    return <RuntimeStatus title="The site has no network configuration" failed={configQuery.isError} error={configQuery.error} />;
  }
  return <SiteContext.Provider value={{ config, client, wallet, newRequestId: sdk.newRequestId }}>{children}</SiteContext.Provider>;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 2, refetchOnWindowFocus: false, staleTime: 2_000 } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <SiteRuntime>{children}</SiteRuntime>
    </QueryClientProvider>
  );
}
