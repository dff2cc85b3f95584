"use client";
/** TanStack Query hooks over the TIM3 client: the shared reads (@tim3/web/react) and the connected holder's own. */
import { useQuery } from "@tanstack/react-query";
import type { TokenName } from "@tim3/sdk/reads";
import { queryKeys, useHistory as useSharedHistory, useLimits as useSharedLimits } from "@tim3/web/react";
import { useSite } from "./site-context";

export { useDenomination, useReserves } from "@tim3/web/react";

export const keys = {
  ...queryKeys,
  balance: (t: TokenName, a?: string) => ["balance", t, a] as const,
  balances: ["balance"] as const,
  operations: (a?: string) => ["operations", a] as const,
  owed: (a?: string) => ["owed", a] as const,
  owedAll: ["owed"] as const,
};

export const useHistory = (limit = 100) => useSharedHistory(limit, 3);
export const useLimits = () => useSharedLimits(1);

/** Reads for the connected wallet run only once there is one (`enabled`). */
function connected(address: string | undefined): string {
  if (address === undefined) throw new Error("no wallet connected");
  return address;
}

export function useBalance(token: TokenName) {
  const { reader, config, wallet } = useSite();
  return useQuery({
    queryKey: keys.balance(token, wallet.address),
    queryFn: () => reader.balance(token, connected(wallet.address)),
    enabled: wallet.address !== undefined,
    refetchInterval: config.refreshMs,
  });
}

export function useOperations() {
  const { reader, config, wallet } = useSite();
  return useQuery({
    queryKey: keys.operations(wallet.address),
    queryFn: () => reader.operations(connected(wallet.address)),
    enabled: wallet.address !== undefined,
    refetchInterval: config.refreshMs,
  });
}

/** What the TIM3 processes keep for the wallet past their return limit: one GET per process. */
export function useOwedReturns() {
  const { reader, config, wallet } = useSite();
  return useQuery({
    queryKey: keys.owed(wallet.address),
    queryFn: () => reader.owedReturns(connected(wallet.address)),
    enabled: wallet.address !== undefined,
    refetchInterval: config.refreshMs,
  });
}
