"use client";
/**
 * The console's runtime: network config (from /config.json), the connected wallet (Wander, window.arweaveWallet)
 * and a TIM3 client signing with it. Everything below the provider reads them with useConsole().
 */
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import type { BrowserWallet, Tim3Client } from "@tim3/sdk";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { CONFIG_PATH, parseConfig, type ConsoleConfig } from "../lib/config";

/** What the console asks Wander for: the address, and signing (aoconnect signs data items with signDataItem). */
export const WANDER_PERMISSIONS = ["ACCESS_ADDRESS", "SIGN_TRANSACTION"];
const APP_INFO = { name: "TIM3 console" };
const CONNECTED_KEY = "tim3.console.wallet";

/** The Wander calls the console and aoconnect's browser signer use. */
interface WanderLike {
  connect(permissions: string[], appInfo?: { name?: string }): Promise<void>;
  disconnect(): Promise<void>;
  getActiveAddress(): Promise<string>;
  getPermissions(): Promise<string[]>;
}

export interface WalletState {
  address?: string;
  connecting: boolean;
  error?: string;
  available: boolean;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
}

interface ConsoleValue {
  config: ConsoleConfig;
  client: Tim3Client;
  wallet: WalletState;
}

const ConsoleContext = createContext<ConsoleValue | undefined>(undefined);

export function useConsole(): ConsoleValue {
  const v = useContext(ConsoleContext);
  if (v === undefined) throw new Error("useConsole outside <Providers>");
  return v;
}

function injectedWallet(): WanderLike | undefined {
  if (typeof window === "undefined") return undefined;
  return (window as unknown as { arweaveWallet?: WanderLike }).arweaveWallet;
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === "string" ? e : "Unknown error";
}

async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch(CONFIG_PATH, { cache: "no-store" });
  if (!res.ok) throw new Error(`${CONFIG_PATH} answered ${res.status}: run \`pnpm --filter @tim3/admin config\` after deploying`);
  const parsed = parseConfig(await res.json());
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config;
}

function useWallet(): { state: WalletState; provider?: WanderLike } {
  const [address, setAddress] = useState<string>();
  const [provider, setProvider] = useState<WanderLike>();
  const [connecting, setConnecting] = useState(false);
  const [error, setError] = useState<string>();
  const [available, setAvailable] = useState(false);

  const connect = useCallback(async () => {
    setConnecting(true);
    setError(undefined);
    try {
      const w = injectedWallet();
      if (w === undefined) throw new Error("Wander is not installed (no window.arweaveWallet)");
      await w.connect(WANDER_PERMISSIONS, APP_INFO);
      setAddress(await w.getActiveAddress());
      setProvider(w);
      window.localStorage.setItem(CONNECTED_KEY, "wander");
    } catch (e) {
      setError(errorText(e));
    } finally {
      setConnecting(false);
    }
  }, []);

  const disconnect = useCallback(async () => {
    const w = provider;
    setProvider(undefined);
    setAddress(undefined);
    window.localStorage.removeItem(CONNECTED_KEY);
    if (w) await w.disconnect().catch(() => undefined);
  }, [provider]);

  useEffect(() => {
    const check = () => setAvailable(injectedWallet() !== undefined);
    check();
    window.addEventListener("arweaveWalletLoaded", check);
    const onSwitch = (e: Event) => {
      const next = (e as CustomEvent<{ address?: string }>).detail?.address;
      if (next) setAddress(next);
    };
    window.addEventListener("walletSwitch", onSwitch);
    // Reconnect silently after a reload while Wander still grants the permissions.
    const w = injectedWallet();
    if (w && window.localStorage.getItem(CONNECTED_KEY) === "wander") {
      void w
        .getPermissions()
        .then((p) => (WANDER_PERMISSIONS.every((x) => p.includes(x)) ? connect() : undefined))
        .catch(() => undefined);
    }
    return () => {
      window.removeEventListener("arweaveWalletLoaded", check);
      window.removeEventListener("walletSwitch", onSwitch);
    };
  }, [connect]);

  return { state: { address, connecting, error, available, connect, disconnect }, provider };
}

function ConsoleRuntime({ children }: { children: ReactNode }) {
  const configQuery = useQuery({ queryKey: ["config"], queryFn: loadConfig, staleTime: Infinity, retry: 1 });
  const config = configQuery.data;
  const { state: wallet, provider } = useWallet();
  // The SDK (aoconnect and its signing stack) is most of the console's JavaScript: it loads after the first paint.
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
          <h1>The console has no network configuration</h1>
          <p>{errorText(configQuery.error)}</p>
        </div>
      </div>
    );
  }
  if (config === undefined || client === undefined) {
    return (
      <div className="page" aria-busy="true">
        <p className="muted" role="status">Loading network configuration…</p>
      </div>
    );
  }
  return <ConsoleContext.Provider value={{ config, client, wallet }}>{children}</ConsoleContext.Provider>;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 1_000 } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <ConsoleRuntime>{children}</ConsoleRuntime>
    </QueryClientProvider>
  );
}
