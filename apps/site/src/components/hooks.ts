"use client";
/** TanStack Query hooks over the TIM3 client: one query key per thing the site shows. */
import { useQuery } from "@tanstack/react-query";
import type { TokenName } from "@tim3/sdk";
import { useSite } from "./site-context";

export const keys = {
  denomination: (t: TokenName) => ["denomination", t] as const,
  reserves: ["reserves"] as const,
  history: ["history"] as const,
  limits: ["limits"] as const,
  balance: (t: TokenName, a?: string) => ["balance", t, a] as const,
  balances: ["balance"] as const,
  operations: (a?: string) => ["operations", a] as const,
};

export function useDenomination(token: TokenName) {
  const { client } = useSite();
  return useQuery({ queryKey: keys.denomination(token), queryFn: () => client.denomination(token), staleTime: Infinity });
}

export function useReserves() {
  const { client, config } = useSite();
  return useQuery({ queryKey: keys.reserves, queryFn: () => client.reserves(), refetchInterval: config.refreshMs });
}

export function useHistory(limit = 100) {
  const { client, config } = useSite();
  return useQuery({ queryKey: [...keys.history, limit], queryFn: () => client.history(limit), refetchInterval: config.refreshMs * 3 });
}

export function useLimits() {
  const { client, config } = useSite();
  return useQuery({ queryKey: keys.limits, queryFn: () => client.limits(), refetchInterval: config.refreshMs });
}

export function useBalance(token: TokenName) {
  const { client, config, wallet } = useSite();
  return useQuery({
    queryKey: keys.balance(token, wallet.address),
    queryFn: () => client.balance(token, wallet.address),
    enabled: wallet.address !== undefined,
    refetchInterval: config.refreshMs,
  });
}

export function useOperations() {
  const { client, config, wallet } = useSite();
  return useQuery({
    queryKey: keys.operations(wallet.address),
    queryFn: () => client.operations(wallet.address),
    enabled: wallet.address !== undefined,
    refetchInterval: config.refreshMs,
  });
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === "string" ? e : "Unknown error";
}
