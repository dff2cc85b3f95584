"use client";
/**
 * The console's runtime on the shared shell (@tim3/web/react): its config adds the deployment record, and it signs
 * only with Wander. Everything below <Providers> reads it with useConsole().
 */
import { connectWander } from "@tim3/web";
import { useApp, type AppShell } from "@tim3/web/react";
import { parseConfig, type ConsoleConfig } from "../lib/config";

export type WalletKind = "wander";

export const useConsole = () => useApp<ConsoleConfig, WalletKind>();

export const CONSOLE: AppShell<ConsoleConfig, WalletKind> = {
  parse: parseConfig,
  appPackage: "@tim3/admin",
  failureTitle: "The console has no network configuration",
  queries: { retry: 1, staleTime: 1_000 },
  wallet: { storageKey: "tim3.console.wallet", open: () => connectWander({ name: "TIM3 console" }) },
};
