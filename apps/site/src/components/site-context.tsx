"use client";
/**
 * The site's runtime on the shared shell (@tim3/web/react): its config is the network part alone, and it offers
 * Wander or, on the devnet, a dev wallet kept in this browser. Everything below <Providers> reads it with useSite().
 */
import { WANDER_PERMISSIONS, connectWander, parseNetworkConfig, type NetworkConfig } from "@tim3/web";
import { useApp, type AppShell } from "@tim3/web/react";
import type { ArweaveJwk } from "@tim3/sdk/keys";
import { devWallet, generateDevKey } from "../lib/dev-wallet";

const DEV_KEY = "tim3.devWalletKey";

export type WalletKind = "wander" | "dev";

export const useSite = () => useApp<NetworkConfig, WalletKind>();

/** The dev wallet's key, made on first use and kept in this browser. */
async function devKey(): Promise<ArweaveJwk> {
  const stored = window.localStorage.getItem(DEV_KEY);
  if (stored) return JSON.parse(stored) as ArweaveJwk;
  const jwk = await generateDevKey();
  window.localStorage.setItem(DEV_KEY, JSON.stringify(jwk));
  return jwk;
}

export const SITE: AppShell<NetworkConfig, WalletKind> = {
  parse: parseNetworkConfig,
  appPackage: "@tim3/site",
  failureTitle: "The site has no network configuration",
  queries: { retry: 2, staleTime: 2_000 },
  wallet: {
    storageKey: "tim3.wallet",
    async open(kind, config) {
      if (kind === "wander") return connectWander({ name: "TIM3" });
      if (!config.devnet) throw new Error("The dev wallet exists only on the devnet");
      const w = devWallet(await devKey());
      await w.connect(WANDER_PERMISSIONS);
      return w;
    },
    resumable: (kind, config) => kind === "dev" && config.devnet && window.localStorage.getItem(DEV_KEY) !== null,
  },
};
