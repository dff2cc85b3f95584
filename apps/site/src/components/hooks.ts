"use client";
/** TanStack Query hooks over the TIM3 client: one query key per thing the site shows. */
import { useQuery } from "@tanstack/react-query";
import type { TokenName } from "@tim3/sdk";
import { denominationQuery, historyQuery, limitsQuery, queryKeys, reservesQuery } from "@tim3/web/react";
import { useSite } from "./site-context";

export const keys = {
  ...queryKeys,
  balance: (t: TokenName, a?: string) => ["balance", t, a] as const,
  balances: ["balance"] as const,
  operations: (a?: string) => ["operations", a] as const,
};

export function useDenomination(token: TokenName) {
  return useQuery(denominationQuery(useSite().client, token));
}

export function useReserves() {
  const { client, config } = useSite();
  return useQuery(reservesQuery(client, config.refreshMs));
}

export function useHistory(limit = 100) {
  const { client, config } = useSite();
  return useQuery(historyQuery(client, limit, config.refreshMs * 3));
}

export function useLimits() {
  const { client, config } = useSite();
  return useQuery(limitsQuery(client, config.refreshMs));
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
