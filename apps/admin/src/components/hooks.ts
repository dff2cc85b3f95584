"use client";
/** TanStack Query hooks over the TIM3 reads: the shared reads (@tim3/web/react) and the console's own. */
import { useQueries, useQuery } from "@tanstack/react-query";
import type { AuditEntry, ProcessRole } from "@tim3/sdk";
import { queryKeys, useHistory as useSharedHistory, useLimits as useSharedLimits } from "@tim3/web/react";
import { accessFor, adminOf, type Access } from "../lib/access";
import { ROLES } from "../lib/roles";
import { useConsole } from "./console-context";

export { useDenomination, useReserves } from "@tim3/web/react";

export const keys = {
  ...queryKeys,
  info: (r: ProcessRole) => ["info", r] as const,
  infos: ["info"] as const,
  audit: ["audit"] as const,
  pending: ["pending"] as const,
  disputed: ["disputed"] as const,
  unsettled: ["unsettled"] as const,
};

export const useHistory = (limit = 200) => useSharedHistory(limit, 2);
export const useLimits = () => useSharedLimits(2);

export function usePending() {
  const { reader, config } = useConsole();
  return useQuery({ queryKey: keys.pending, queryFn: () => reader.pendingOperations(), refetchInterval: config.refreshMs });
}

/** Info of all five processes: `infos[role]` is undefined while loading or when it failed (see `errors`). */
export function useInfos() {
  const { reader, config } = useConsole();
  const results = useQueries({
    queries: ROLES.map((role) => ({
      queryKey: keys.info(role),
      queryFn: () => reader.info(role),
      refetchInterval: config.refreshMs * 3,
    })),
  });
  const infos: Partial<Record<ProcessRole, Record<string, string>>> = {};
  const errors: Partial<Record<ProcessRole, unknown>> = {};
  ROLES.forEach((role, i) => {
    if (results[i].data !== undefined) infos[role] = results[i].data;
    if (results[i].isError) errors[role] = results[i].error;
  });
  const loading = results.some((r) => r.isPending);
  return { infos, errors, loading, refetch: () => Promise.all(results.map((r) => r.refetch())) };
}

/** Audit logs of all five processes. */
export function useAuditLogs(limit = 50) {
  const { reader, config } = useConsole();
  const results = useQueries({
    queries: ROLES.map((role) => ({
      queryKey: [...keys.audit, role, limit],
      queryFn: () => reader.auditLog(role, limit),
      refetchInterval: config.refreshMs * 2,
    })),
  });
  const logs: Partial<Record<ProcessRole, AuditEntry[]>> = {};
  const failed: ProcessRole[] = [];
  ROLES.forEach((role, i) => {
    if (results[i].data !== undefined) logs[role] = results[i].data;
    if (results[i].isError) failed.push(role);
  });
  return { logs, failed, loading: results.some((r) => r.isPending) };
}

/** May the connected wallet act on `role`? Only its Admin (Info) may. */
export function useAccess(role: ProcessRole): Access {
  const { reader, config, wallet } = useConsole();
  const info = useQuery({ queryKey: keys.info(role), queryFn: () => reader.info(role), refetchInterval: config.refreshMs * 3 });
  return accessFor(wallet.address, adminOf({ [role]: info.data }, role));
}
