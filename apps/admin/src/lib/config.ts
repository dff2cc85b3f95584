/**
 * The console's runtime config, fetched from /config.json next to the static export (scripts/write-config.mjs
 * writes it from the deploy state file): network URLs, process ids, and the deployment record the Processes page
 * checks each process's Info against.
 */
import { isAddress } from "@tim3/protocol";
import type { NetworkUrls, ProcessRole, Tim3Processes } from "@tim3/sdk";
import { ROLES } from "./roles";

export interface DeployedProcess {
  id: string;
  name: string;
  version: string;
  /** The stamped sha256 of the bundle the deploy loaded (the process's Info Source-Hash). */
  bundleHash: string;
  /** Used as it is (e.g. the real USDA on mainnet): no version or hash is expected. */
  external: boolean;
}

export interface Deployment {
  admin: string;
  updatedAt: string;
  processes: Record<ProcessRole, DeployedProcess>;
}

export interface ConsoleConfig {
  network: string;
  devnet: boolean;
  urls: NetworkUrls;
  processes: Tim3Processes;
  refreshMs: number;
  /** Absent when the config was written without a deploy state: drift cannot be checked then. */
  deployment?: Deployment;
}

export const CONFIG_PATH = "/config.json";

export type ConfigResult = { ok: true; config: ConsoleConfig } | { ok: false; error: string };

function isUrl(v: unknown): v is string {
  if (typeof v !== "string") return false;
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

function parseDeployment(raw: unknown): Deployment | string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "object") return "config.json: deployment must be an object";
  const d = raw as Record<string, unknown>;
  if (!isAddress(d.admin)) return "config.json: deployment.admin must be an address";
  const procs = (d.processes ?? {}) as Record<string, unknown>;
  const out = {} as Record<ProcessRole, DeployedProcess>;
  for (const role of ROLES) {
    const p = (procs[role] ?? {}) as Record<string, unknown>;
    if (!isAddress(p.id)) return `config.json: deployment.processes.${role}.id must be a process id`;
    out[role] = { id: p.id as string, name: str(p.name) || role, version: str(p.version), bundleHash: str(p.bundleHash), external: p.external === true };
  }
  return { admin: d.admin as string, updatedAt: str(d.updatedAt), processes: out };
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
  const deployment = parseDeployment(c.deployment);
  if (typeof deployment === "string") return { ok: false, error: deployment };
  const network = typeof c.network === "string" && c.network !== "" ? c.network : "local";
  const refresh = typeof c.refreshMs === "number" && Number.isInteger(c.refreshMs) && c.refreshMs >= 1000 ? c.refreshMs : 5000;
  const config: ConsoleConfig = {
    network,
    devnet: typeof c.devnet === "boolean" ? c.devnet : network === "local",
    urls: { muUrl: urls.muUrl as string, cuUrl: urls.cuUrl as string, gatewayUrl: urls.gatewayUrl as string },
    processes: Object.fromEntries(ROLES.map((r) => [r, processes[r] as string])) as unknown as Tim3Processes,
    refreshMs: refresh,
  };
  if (deployment !== undefined) config.deployment = deployment;
  return { ok: true, config };
}
