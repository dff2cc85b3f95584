/**
 * The console's runtime config, fetched from /config.json next to the static export (scripts/write-config.mjs
 * writes it from the deploy state file): network URLs, process ids, and the deployment record the Processes page
 * checks each process's Info against.
 */
import { isAddress, type ConsoleConfig as ConsoleConfigJson } from "@tim3/protocol";
import type { ProcessRole } from "@tim3/sdk";
import { parseNetworkConfig, type ConfigResult as Result, type NetworkConfig } from "@tim3/web";
import { ROLES } from "./roles";

/** One process of config.json's deployment record (libs/protocol's consoleConfigSchema): `external` always said. */
type DeployedProcess = ConsoleConfigJson["deployment"]["processes"][string];

/** config.json's deployment record (libs/protocol's ConsoleConfig), as checked here: the admin and every role present. */
export interface Deployment extends Omit<ConsoleConfigJson["deployment"], "admin" | "processes"> {
  admin: string;
  processes: Record<ProcessRole, DeployedProcess>;
}

export interface ConsoleConfig extends NetworkConfig {
  /** Absent when the config was written without a deploy state: drift cannot be checked then. */
  deployment?: Deployment;
}

export type ConfigResult = Result<ConsoleConfig>;

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

/** The network part (@tim3/web), then the deployment record when there is one. */
export function parseConfig(raw: unknown): ConfigResult {
  const base = parseNetworkConfig(raw);
  if (!base.ok) return base;
  const deployment = parseDeployment((raw as Record<string, unknown>).deployment);
  if (typeof deployment === "string") return { ok: false, error: deployment };
  const config: ConsoleConfig = base.config;
  if (deployment !== undefined) config.deployment = deployment;
  return { ok: true, config };
}
