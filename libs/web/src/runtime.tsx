/**
 * The pieces the app runtime (shell.tsx) is made of: /config.json as a query, the TIM3 client over the lazily loaded
 * SDK, Wander's window events, what shows until the runtime is ready; and the health component bars and the query
 * options of the reads both apps make.
 */
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { BrowserWallet, HealthComponents, Tim3Client, TokenName } from "@tim3/sdk";
import { useEffect, useMemo, useState } from "react";
import { errorText, loadConfig, type ConfigResult, type NetworkConfig } from "./config";
import { COMPONENT_LABEL, COMPONENT_MAX, componentTone } from "./health";
import { injectedWallet } from "./wallet";

type Tim3Sdk = typeof import("@tim3/sdk");

/** /config.json, fetched once (see loadConfig). */
export function useNetworkConfig<C extends NetworkConfig>(parse: (raw: unknown) => ConfigResult<C>, appPackage: string) {
  return useQuery({ queryKey: ["config"], queryFn: () => loadConfig(parse, appPackage), staleTime: Infinity, retry: 1 });
}

/**
 * A TIM3 client for the config, signing with `wallet` (a Wander-shaped wallet) when there is one. The SDK (aoconnect
 * and its signing stack) is most of an app's JavaScript: it is imported after the first paint, so both stay undefined
 * until it has loaded.
 */
export function useTim3Client(config: NetworkConfig | undefined, wallet: object | undefined): { sdk?: Tim3Sdk; client?: Tim3Client } {
  const [sdk, setSdk] = useState<Tim3Sdk>();
  useEffect(() => {
    void import("@tim3/sdk").then(setSdk);
  }, []);
  const client = useMemo(() => {
    if (config === undefined || sdk === undefined) return undefined;
    const signer = wallet ? sdk.browserSigner(wallet as unknown as BrowserWallet) : undefined;
    return sdk.createTim3Client({ network: config.urls, processes: config.processes, signer, usdaForm: config.usdaForm });
  }, [config, wallet, sdk]);
  return { sdk, client };
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
export const denominationQuery = (client: Tim3Client, token: TokenName) =>
  queryOptions({ queryKey: queryKeys.denomination(token), queryFn: () => client.denomination(token), staleTime: Infinity });

export const reservesQuery = (client: Tim3Client, refetchInterval: number) =>
  queryOptions({ queryKey: queryKeys.reserves, queryFn: () => client.reserves(), refetchInterval });

export const historyQuery = (client: Tim3Client, limit: number, refetchInterval: number) =>
  queryOptions({ queryKey: [...queryKeys.history, limit], queryFn: () => client.history(limit), refetchInterval });

export const limitsQuery = (client: Tim3Client, refetchInterval: number) =>
  queryOptions({ queryKey: queryKeys.limits, queryFn: () => client.limits(), refetchInterval });
