/**
 * The runtime both apps run in: /config.json, the reads, the connected wallet and (for actions) a TIM3 client signing
 * with it, provided once below the root layout. An app passes what is its own (how its config is parsed, which
 * wallets it offers, its header) and reads the value back with useApp().
 */
import { QueryClient, QueryClientProvider, useQuery, type DefaultOptions } from "@tanstack/react-query";
import type { Tim3Reader, TokenName } from "@tim3/sdk/reads";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { errorText, type ConfigResult, type NetworkConfig } from "./config";
import { RuntimeStatus, denominationQuery, historyQuery, limitsQuery, reservesQuery, useNetworkConfig, useSdkAfterFirstReads, useSigning, useTim3Reader, useWanderEvents, type Signing } from "./runtime";
import { injectedWallet, reconnectIfGranted, type InjectedWallet } from "./wallet";

/** The wallet an app offers: "wander" (window.arweaveWallet) and any other kinds of its own (the site's dev wallet). */
export interface WalletState<K extends string = string> {
  kind?: K;
  address?: string;
  connecting: boolean;
  /** Why the last connect failed. */
  error?: string;
  /** Whether Wander is injected in this browser. */
  wanderAvailable: boolean;
  connect(kind: K): Promise<void>;
  disconnect(): Promise<void>;
}

export interface WalletOptions<K extends string> {
  /** Where the connected kind is remembered, for a silent reconnect after a reload. */
  storageKey: string;
  /** Connects a wallet of that kind (asking for WANDER_PERMISSIONS) and returns it; throws a sentence to show. */
  open(kind: K, config: NetworkConfig): Promise<InjectedWallet>;
  /** Whether a remembered kind other than "wander" may reconnect without asking (Wander: while it grants them). */
  resumable?(kind: K, config: NetworkConfig): boolean;
}

/** The connected wallet (one of the app's kinds) and the provider to sign with; `options` is a module constant. */
export function useWallet<K extends string>(config: NetworkConfig | undefined, options: WalletOptions<K>): { state: WalletState<K>; provider?: InjectedWallet } {
  const [kind, setKind] = useState<K>();
  const [address, setAddress] = useState<string>();
  const [provider, setProvider] = useState<InjectedWallet>();
  const [connecting, setConnecting] = useState(false);
  const [error, setError] = useState<string>();
  const [wanderAvailable, setWanderAvailable] = useState(false);

  useWanderEvents(setWanderAvailable, setAddress);

  const connect = useCallback(
    async (which: K) => {
      if (config === undefined) return;
      setConnecting(true);
      setError(undefined);
      try {
        const w = await options.open(which, config);
        const a = await w.getActiveAddress();
        setProvider(w);
        setKind(which);
        setAddress(a);
        window.localStorage.setItem(options.storageKey, which);
      } catch (e) {
        setError(errorText(e));
      } finally {
        setConnecting(false);
      }
    },
    [config, options],
  );

  const disconnect = useCallback(async () => {
    const w = provider;
    setProvider(undefined);
    setKind(undefined);
    setAddress(undefined);
    window.localStorage.removeItem(options.storageKey);
    if (w) await w.disconnect().catch(() => undefined);
  }, [provider, options]);

  // Reconnect silently after a reload when the remembered wallet still grants the permissions.
  useEffect(() => {
    if (config === undefined) return;
    const choice = window.localStorage.getItem(options.storageKey) as K | null;
    const injected = injectedWallet();
    if (choice === "wander" && injected) reconnectIfGranted(injected, () => connect(choice));
    else if (choice !== null && options.resumable?.(choice, config)) void connect(choice);
  }, [config, connect, options]);

  return { state: { kind, address, connecting, error, wanderAvailable, connect, disconnect }, provider };
}

export interface AppValue<C extends NetworkConfig = NetworkConfig, K extends string = string> {
  config: C;
  /** Every read (GETs of exposed state), ready with the config. */
  reader: Tim3Reader;
  /**
   * For an action: the SDK and a client signing with the connected wallet. The SDK loads once the page's reads have
   * gone quiet; an action taken before waits for it.
   */
  signing(): Promise<Signing>;
  wallet: WalletState<K>;
}

const AppContext = createContext<AppValue | undefined>(undefined);

/** The app's runtime (below AppProviders); C and K are the app's config and wallet kinds. */
export function useApp<C extends NetworkConfig = NetworkConfig, K extends string = string>(): AppValue<C, K> {
  const v = useContext(AppContext);
  if (v === undefined) throw new Error("useApp outside <AppProviders>");
  return v as unknown as AppValue<C, K>;
}

/** What an app runs on the shell: how its config.json is read, which wallets it offers, its query defaults. */
export interface AppShell<C extends NetworkConfig, K extends string> {
  /** Checks config.json (parseNetworkConfig, or the app's own on top of it). */
  parse(raw: unknown): ConfigResult<C>;
  /** The package whose `config` script writes config.json (named when it is missing). */
  appPackage: string;
  /** The heading shown when config.json is missing or wrong. */
  failureTitle: string;
  wallet: WalletOptions<K>;
  /** TanStack Query defaults for the app's reads (window-focus refetches are off: reads refresh on refreshMs). */
  queries?: DefaultOptions["queries"];
}

export interface AppProvidersProps<C extends NetworkConfig, K extends string> {
  shell: AppShell<C, K>;
  header: ReactNode;
  /** Shown at the top of every page (e.g. the console's read-only notice). */
  banner?: ReactNode;
  children: ReactNode;
}

function AppRuntime<C extends NetworkConfig, K extends string>({ shell, header, banner, children }: AppProvidersProps<C, K>) {
  const configQuery = useNetworkConfig(shell.parse, shell.appPackage);
  const config = configQuery.data;
  const { state: wallet, provider } = useWallet(config, shell.wallet);
  // Reads need only the config; the SDK (aoconnect and its signing stack, most of an app's JavaScript) loads after the
  // first paint, for actions.
  const { reader, error: readsError } = useTim3Reader(config);
  const signing = useSigning(config, provider);
  useSdkAfterFirstReads(reader !== undefined);

  const failed = configQuery.isError || readsError !== undefined;
  if (failed || config === undefined || reader === undefined) {
    return <RuntimeStatus title={shell.failureTitle} failed={failed} error={configQuery.error ?? readsError} />;
  }
  const value: AppValue<C, K> = { config, reader, signing, wallet };
  return (
    <AppContext.Provider value={value as unknown as AppValue}>
      {header}
      <main id="main" className="page">
        {banner}
        {children}
      </main>
    </AppContext.Provider>
  );
}

/** The query client, the runtime, and (once it is ready) the header and the page. */
export function AppProviders<C extends NetworkConfig, K extends string>(props: AppProvidersProps<C, K>) {
  const queries = props.shell.queries;
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, ...queries } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <AppRuntime {...props} />
    </QueryClientProvider>
  );
}

/** A token's Denomination (it never changes). */
export function useDenomination(token: TokenName) {
  return useQuery(denominationQuery(useApp().reader, token));
}

/** Get-Reserves, every `refreshMs`. */
export function useReserves() {
  const { reader, config } = useApp();
  return useQuery(reservesQuery(reader, config.refreshMs));
}

/** Get-History's latest `limit` points, every `every` × refreshMs. */
export function useHistory(limit: number, every: number) {
  const { reader, config } = useApp();
  return useQuery(historyQuery(reader, limit, config.refreshMs * every));
}

/** Get-Limits, every `every` × refreshMs. */
export function useLimits(every: number) {
  const { reader, config } = useApp();
  return useQuery(limitsQuery(reader, config.refreshMs * every));
}
