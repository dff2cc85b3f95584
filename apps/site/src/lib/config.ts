/**
 * The network the site talks to, loaded at runtime from /config.json (served next to the static export), so one
 * build serves the devnet and mainnet. `scripts/write-config.mjs` writes it from .devnet/deploy-state.json.
 */
import { isAddress } from "@tim3/protocol";
import type { NetworkUrls, Tim3Processes } from "@tim3/sdk";

export interface SiteConfig {
  /** "local" (devnet) or "mainnet"; shown in the header. */
  network: string;
  /** Devnet extras: the built-in dev wallet and the Mock USDA faucet. */
  devnet: boolean;
  urls: NetworkUrls;
  processes: Tim3Processes;
  /** How often reserves, balances and history refresh, in ms. */
  refreshMs: number;
}

export const CONFIG_PATH = "/config.json";
const ROLES: (keyof Tim3Processes)[] = ["usda", "tokenManager", "lockManager", "coordinator", "stateManager"];

export type ConfigResult = { ok: true; config: SiteConfig } | { ok: false; error: string };

function isUrl(v: unknown): v is string {
  if (typeof v !== "string") return false;
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

export function parseConfig(raw: unknown): ConfigResult {
  if (typeof raw !== "object" || raw === null) return { ok: false, error: "config.json is not a JSON object" };
  const c = raw as Record<string, unknown>;
  const urls = (c.urls ?? {}) as Record<string, unknown>;
  for (const key of ["muUrl", "cuUrl", "gatewayUrl"]) {
    if (!isUrl(urls[key])) return { ok: false, error: `config.json: urls.${key} must be an http(s) URL` };
  }
  const processes = (c.processes ?? {}) as Record<string, unknown>;
  for (const role of ROLES) {
    if (!isAddress(processes[role])) return { ok: false, error: `config.json: processes.${role} must be a process id` };
  }
  const network = typeof c.network === "string" && c.network !== "" ? c.network : "local";
  const refresh = typeof c.refreshMs === "number" && Number.isInteger(c.refreshMs) && c.refreshMs >= 1000 ? c.refreshMs : 5000;
  return {
    ok: true,
    config: {
      network,
      devnet: typeof c.devnet === "boolean" ? c.devnet : network === "local",
      urls: { muUrl: urls.muUrl as string, cuUrl: urls.cuUrl as string, gatewayUrl: urls.gatewayUrl as string },
      processes: Object.fromEntries(ROLES.map((r) => [r, processes[r] as string])) as unknown as Tim3Processes,
      refreshMs: refresh,
    },
  };
}
