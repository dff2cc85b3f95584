import type { Tim3Processes } from "@tim3/sdk";

/**
 * Dry-runs the devnet served to each TIM3 process so far (its `GET /~tim3@1.0/stats` counters). AO mainnet serves no
 * dry-runs, so an app that needs one works only on the devnet: the e2e stories assert these stay 0.
 */
export async function dryRunsPerProcess(nodeUrl: string, processes: Tim3Processes): Promise<Record<keyof Tim3Processes, number>> {
  const r = await fetch(`${nodeUrl.replace(/\/+$/, "")}/~tim3@1.0/stats`);
  if (!r.ok) throw new Error(`GET ${nodeUrl}/~tim3@1.0/stats: HTTP ${r.status}`);
  const stats = (await r.json()) as { dryruns: Record<string, number> };
  const out = {} as Record<keyof Tim3Processes, number>;
  for (const [role, pid] of Object.entries(processes) as [keyof Tim3Processes, string][]) out[role] = stats.dryruns[pid] ?? 0;
  return out;
}
