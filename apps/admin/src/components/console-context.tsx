"use client";
/**
 * The console's runtime: network config (from /config.json), the connected wallet (Wander, window.arweaveWallet)
 * and a TIM3 client signing with it. Everything below the provider reads them with useConsole().
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Tim3Client } from "@tim3/sdk";
import { errorText, injectedWallet, reconnectIfGranted, WANDER_PERMISSIONS, type InjectedWallet } from "@tim3/web";
import { RuntimeStatus, useNetworkConfig, useTim3Client, useWanderEvents } from "@tim3/web/react";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { parseConfig, type ConsoleConfig } from "../lib/config";

const APP_INFO = { name: "TIM3 console" };
const CONNECTED_KEY = "tim3.console.wallet";

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

function useWallet(): { state: WalletState; provider?: InjectedWallet } {
  const [address, setAddress] = useState<string>();
  const [provider, setProvider] = useState<InjectedWallet>();
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

  useWanderEvents(setAvailable, setAddress);
  // Reconnect silently after a reload while Wander still grants the permissions.
  useEffect(() => {
    const w = injectedWallet();
    if (w && window.localStorage.getItem(CONNECTED_KEY) === "wander") reconnectIfGranted(w, connect);
  }, [connect]);

  return { state: { address, connecting, error, available, connect, disconnect }, provider };
}

function ConsoleRuntime({ children }: { children: ReactNode }) {
  const configQuery = useNetworkConfig(parseConfig, "@tim3/admin");
  const config = configQuery.data;
  const { state: wallet, provider } = useWallet();
  // The SDK (aoconnect and its signing stack) is most of the console's JavaScript: it loads after the first paint.
  const { client } = useTim3Client(config, provider);

  if (configQuery.isError || config === undefined || client === undefined) {
    return <RuntimeStatus title="The console has no network configuration" failed={configQuery.isError} error={configQuery.error} />;
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
