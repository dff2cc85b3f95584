"use client";
/**
 * The site's runtime: network config (from /config.json), the connected wallet (Wander or the devnet dev wallet)
 * and a TIM3 client signing with it. Everything below the provider reads them with useSite().
 */
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import type { BrowserWallet, Tim3Client } from "@tim3/sdk";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { CONFIG_PATH, parseConfig, type SiteConfig } from "../lib/config";
import { devWallet, generateDevKey, type JwkKey, type WanderLike } from "../lib/dev-wallet";

/** What the site asks Wander for: the address, and signing (aoconnect signs data items with signDataItem). */
export const WANDER_PERMISSIONS = ["ACCESS_ADDRESS", "SIGN_TRANSACTION"];
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
  config: SiteConfig;
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

/** The wallet Wander injects (`window.arweaveWallet`), if any. */
function injectedWallet(): WanderLike | undefined {
  if (typeof window === "undefined") return undefined;
  return (window as unknown as { arweaveWallet?: WanderLike }).arweaveWallet;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === "string" ? e : "Unknown error";
}

async function loadConfig(): Promise<SiteConfig> {
  const res = await fetch(CONFIG_PATH, { cache: "no-store" });
  if (!res.ok) throw new Error(`${CONFIG_PATH} answered ${res.status}: run \`pnpm --filter @tim3/site config\` after deploying`);
  const parsed = parseConfig(await res.json());
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config;
}

function useWalletState(config: SiteConfig | undefined): { state: WalletState; provider?: WanderLike } {
  const [kind, setKind] = useState<WalletKind>();
  const [address, setAddress] = useState<string>();
  const [provider, setProvider] = useState<WanderLike>();
  const [connecting, setConnecting] = useState(false);
  const [error, setError] = useState<string>();
  const [wanderAvailable, setWanderAvailable] = useState(false);

  useEffect(() => {
    const check = () => setWanderAvailable(injectedWallet() !== undefined);
    check();
    window.addEventListener("arweaveWalletLoaded", check);
    const onSwitch = (e: Event) => {
      const next = (e as CustomEvent<{ address?: string }>).detail?.address;
      if (next) setAddress(next);
    };
    window.addEventListener("walletSwitch", onSwitch);
    return () => {
      window.removeEventListener("arweaveWalletLoaded", check);
      window.removeEventListener("walletSwitch", onSwitch);
    };
  }, []);

  const connect = useCallback(
    async (which: WalletKind) => {
      setConnecting(true);
      setError(undefined);
      try {
        let w: WanderLike;
        if (which === "wander") {
          const injected = injectedWallet();
          if (injected === undefined) throw new Error("Wander is not installed (no window.arweaveWallet)");
          w = injected;
          await w.connect(WANDER_PERMISSIONS, APP_INFO);
        } else {
          if (!config?.devnet) throw new Error("The dev wallet exists only on the devnet");
          let jwk: JwkKey | undefined;
          const stored = window.localStorage.getItem(DEV_KEY);
          if (stored) jwk = JSON.parse(stored) as JwkKey;
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
    if (choice === "wander" && injected) {
      void injected
        .getPermissions()
        .then((p) => (WANDER_PERMISSIONS.every((x) => p.includes(x)) ? connect("wander") : undefined))
        .catch(() => undefined);
    }
  }, [config, connect]);

  return { state: { kind, address, connecting, error, wanderAvailable, connect, disconnect }, provider };
}

function SiteRuntime({ children }: { children: ReactNode }) {
  const configQuery = useQuery({ queryKey: ["config"], queryFn: loadConfig, staleTime: Infinity, retry: 1 });
  const config = configQuery.data;
  const { state: wallet, provider } = useWalletState(config);
  // The SDK (aoconnect and its signing stack) is most of the site's JavaScript: it loads after the first paint.
  const [sdk, setSdk] = useState<typeof import("@tim3/sdk")>();
  useEffect(() => {
    void import("@tim3/sdk").then(setSdk);
  }, []);
  const client = useMemo(() => {
    if (config === undefined || sdk === undefined) return undefined;
    const signer = provider ? sdk.browserSigner(provider as unknown as BrowserWallet) : undefined;
    return sdk.createTim3Client({ network: config.urls, processes: config.processes, signer });
  }, [config, provider, sdk]);

  if (configQuery.isError) {
    return (
      <div className="page">
        <div className="card error-card" role="alert">
          <h1>The site has no network configuration</h1>
          <p>{errorText(configQuery.error)}</p>
        </div>
      </div>
    );
  }
  if (config === undefined || client === undefined || sdk === undefined) {
    return (
      <div className="page" aria-busy="true">
        <p className="muted" role="status">Loading network configuration…</p>
      </div>
    );
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
