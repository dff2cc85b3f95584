/**
 * The pieces the app runtime (shell.tsx) is made of: /config.json as a query, the reads (@tim3/sdk/reads) and, for
 * actions, a TIM3 client over the lazily loaded SDK, Wander's window events, what shows until the runtime is ready;
 * and the health component bars and the query options of the reads both apps make.
 */
import { queryOptions, useIsFetching, useQuery } from "@tanstack/react-query";
import type { BrowserWallet, HealthComponents, Tim3Client } from "@tim3/sdk";
import type { Tim3Reader, TokenName } from "@tim3/sdk/reads";
import { useEffect, useMemo, useRef, useState } from "react";
import { errorText, loadConfig, type ConfigResult, type NetworkConfig } from "./config";
import { COMPONENT_LABEL, COMPONENT_MAX, componentTone } from "./health";
import { injectedWallet } from "./wallet";

type Tim3Sdk = typeof import("@tim3/sdk");

/** /config.json, fetched once (see loadConfig). */
export function useNetworkConfig<C extends NetworkConfig>(parse: (raw: unknown) => ConfigResult<C>, appPackage: string) {
  return useQuery({ queryKey: ["config"], queryFn: () => loadConfig(parse, appPackage), staleTime: Infinity, retry: 1 });
}

type Tim3Reads = typeof import("@tim3/sdk/reads");

let readsLoading: Promise<Tim3Reads> | undefined;

/** The reads (@tim3/sdk/reads: zod and the state reader, a small chunk of their own), imported once (again after a failure). */
export const loadReads = (): Promise<Tim3Reads> =>
  (readsLoading ??= import("@tim3/sdk/reads").catch((e: unknown) => {
    readsLoading = undefined;
    throw e;
  }));

/**
 * The reads for the config (GETs of exposed state, none of aoconnect or the signing stack). Their chunk loads beside
 * /config.json, so balances wait for neither the SDK's signing code nor a bigger first page.
 */
export function useTim3Reader(config: NetworkConfig | undefined): { reader?: Tim3Reader; error?: unknown } {
  const [reads, setReads] = useState<Tim3Reads>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    loadReads().then(setReads, setError);
  }, []);
  const reader = useMemo(
    () => (config === undefined || reads === undefined ? undefined : reads.createTim3Reader({ nodeUrl: config.urls.nodeUrl, processes: config.processes, usdaForm: config.usdaForm, usdaAuthorities: config.usdaAuthorities })),
    [config, reads],
  );
  return { reader, error };
}

let sdkLoading: Promise<Tim3Sdk> | undefined;

/** The SDK (aoconnect and its signing stack, most of an app's JavaScript), imported once, on first need. */
export const loadSdk = (): Promise<Tim3Sdk> =>
  (sdkLoading ??= import("@tim3/sdk").catch((e: unknown) => {
    sdkLoading = undefined;
    throw e;
  }));

/**
 * Starts loading the SDK once the page's reads have gone quiet for `quietMs` (the first balances are on screen), or
 * `fallbackMs` after the config if it makes none: parsing the SDK's JavaScript holds the main thread for a while, and
 * a balance answer that arrives meanwhile waits for it. An action taken earlier loads the SDK then.
 */
export function useSdkAfterFirstReads(ready: boolean, quietMs = 1_000, fallbackMs = 5_000): void {
  const fetching = useIsFetching();
  const fetched = useRef(false);
  if (fetching > 0) fetched.current = true;
  useEffect(() => {
    if (!ready || !fetched.current || fetching > 0) return;
    const timer = setTimeout(() => void loadSdk(), quietMs);
    return () => clearTimeout(timer);
  }, [ready, fetching, quietMs]);
  useEffect(() => {
    if (!ready) return;
    const timer = setTimeout(() => void loadSdk(), fallbackMs);
    return () => clearTimeout(timer);
  }, [ready, fallbackMs]);
}

/**
 * What an action signs with: the SDK and a TIM3 client for the config signing with `wallet` (a Wander-shaped wallet)
 * when there is one, made once per config and wallet. An action taken before the SDK has loaded
 * (useSdkAfterFirstReads) waits for it.
 */
export function useSigning(config: NetworkConfig | undefined, wallet: object | undefined): () => Promise<Signing> {
  return useMemo(() => {
    let made: Promise<Signing> | undefined;
    const make = async (): Promise<Signing> => {
      if (config === undefined) throw new Error("no network configuration yet");
      const sdk = await loadSdk();
      const signer = wallet ? sdk.browserSigner(wallet as unknown as BrowserWallet) : undefined;
      return { sdk, client: sdk.createTim3Client({ network: config.urls, processes: config.processes, signer, usdaForm: config.usdaForm, usdaAuthorities: config.usdaAuthorities }) };
    };
    return () =>
      (made ??= make().catch((e: unknown) => {
        made = undefined;
        throw e;
      }));
  }, [config, wallet]);
}

export interface Signing {
  sdk: Tim3Sdk;
  client: Tim3Client;
}

/** Follows Wander: whether it is injected (now or on `arweaveWalletLoaded`) and its account switches (`walletSwitch`). */
export function useWanderEvents(setAvailable: (available: boolean) => void, setAddress: (address: string) => void): void {
  useEffect(() => {
    const check = () => setAvailable(injectedWallet() !== undefined);
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
  }, [setAvailable, setAddress]);
}

/** What shows until the runtime is ready: why /config.json failed (under `title`), or that it is loading. */
export function RuntimeStatus({ title, failed, error }: { title: string; failed: boolean; error?: unknown }) {
  if (failed) {
    return (
      <div className="page">
        <div className="card error-card" role="alert">
          <h1>{title}</h1>
          <p>{errorText(error)}</p>
        </div>
      </div>
    );
  }
  return (
    <div className="page" aria-busy="true">
      <p className="muted" role="status">Loading network configuration…</p>
    </div>
  );
}

/** A read that failed, in place of what it would have shown: what is missing (`title`) and why. */
export function ErrorCard({ title, error }: { title: string; error: unknown }) {
  return (
    <section className="card error-card" role="alert">
      <h2>{title}</h2>
      <p>{errorText(error)}</p>
    </section>
  );
}

/** The four health components as labelled meters (`testIds` adds the console's data-testid attributes). */
export function HealthBars({ components, testIds = false }: { components: Partial<HealthComponents>; testIds?: boolean }) {
  return (
    <ul className="components" aria-label="Health score components" data-testid={testIds ? "health-components" : undefined}>
      {(Object.keys(COMPONENT_MAX) as (keyof HealthComponents)[]).map((key) => {
        const points = components[key] ?? 0;
        const max = COMPONENT_MAX[key];
        return (
          <li key={key}>
            <div className="component-row">
              <span>{COMPONENT_LABEL[key]}</span>
              <span className="mono" data-testid={testIds ? `component-${key}` : undefined}>
                {points}/{max}
              </span>
            </div>
            <div className="bar" role="meter" aria-label={COMPONENT_LABEL[key]} aria-valuemin={0} aria-valuemax={max} aria-valuenow={points}>
              <div className={`bar-fill tone-bg-${componentTone(key, points)}`} style={{ width: `${(100 * points) / max}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Query keys of the reads both apps make (apps add their own next to them). */
export const queryKeys = {
  denomination: (t: TokenName) => ["denomination", t] as const,
  reserves: ["reserves"] as const,
  history: ["history"] as const,
  limits: ["limits"] as const,
};

/** A token's Denomination: it never changes. */
export const denominationQuery = (reader: Tim3Reader, token: TokenName) =>
  queryOptions({ queryKey: queryKeys.denomination(token), queryFn: () => reader.denomination(token), staleTime: Infinity });

export const reservesQuery = (reader: Tim3Reader, refetchInterval: number) =>
  queryOptions({ queryKey: queryKeys.reserves, queryFn: () => reader.reserves(), refetchInterval });

export const historyQuery = (reader: Tim3Reader, limit: number, refetchInterval: number) =>
  queryOptions({ queryKey: [...queryKeys.history, limit], queryFn: () => reader.history(limit), refetchInterval });

export const limitsQuery = (reader: Tim3Reader, refetchInterval: number) =>
  queryOptions({ queryKey: queryKeys.limits, queryFn: () => reader.limits(), refetchInterval });
