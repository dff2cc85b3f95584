/**
 * The network an app talks to, loaded at runtime from /config.json (served next to the static export), so one build
 * serves the devnet and mainnet. Each app's `scripts/write-config.mjs` writes it from the deploy state file.
 */
import { ProcessRoles, TokenForms, isAddress, type AppConfig, type TokenForm } from "@tim3/protocol";
import type { ClientErrorCode, ProcessRole, Tim3Error } from "@tim3/sdk";

/**
 * config.json's network part, declared once in the contract (libs/protocol's appConfigSchema). Checked here by hand,
 * not with the schema: zod reaches the apps only in the lazy reads chunk (@tim3/sdk/reads), and config.json is read
 * before the first page shows; test/config.test.ts holds this parser to the schema.
 */
export type NetworkConfig = AppConfig;

const TOKEN_FORMS: readonly string[] = Object.values(TokenForms);

export const CONFIG_PATH = "/config.json";

/** The processes by role (libs/protocol's topology), in the order config.json is checked (and reported) in. */
export const PROCESS_ROLES: ProcessRole[] = [...ProcessRoles];

export type ConfigResult<C = NetworkConfig> = { ok: true; config: C } | { ok: false; error: string };

function isUrl(v: unknown): v is string {
  if (typeof v !== "string") return false;
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

/** Checks the network part of config.json (URLs, process ids) and fills in the defaults. */
export function parseNetworkConfig(raw: unknown): ConfigResult {
  if (typeof raw !== "object" || raw === null) return { ok: false, error: "config.json is not a JSON object" };
  const c = raw as Record<string, unknown>;
  const urls = (c.urls ?? {}) as Record<string, unknown>;
  if (!isUrl(urls.nodeUrl)) return { ok: false, error: "config.json: urls.nodeUrl must be an http(s) URL" };
  if (urls.scheduler !== undefined && !isAddress(urls.scheduler)) return { ok: false, error: "config.json: urls.scheduler must be an address" };
  const processes = (c.processes ?? {}) as Record<string, unknown>;
  for (const role of PROCESS_ROLES) {
    if (!isAddress(processes[role])) return { ok: false, error: `config.json: processes.${role} must be a process id` };
  }
  if (c.usdaForm !== undefined && !TOKEN_FORMS.includes(c.usdaForm as string)) return { ok: false, error: `config.json: usdaForm must be ${TOKEN_FORMS.map((f) => `"${f}"`).join(" or ")}` };
  const authorities = c.usdaAuthorities;
  if (authorities !== undefined && (!Array.isArray(authorities) || authorities.length === 0 || !authorities.every(isAddress))) {
    return { ok: false, error: "config.json: usdaAuthorities must be a list of addresses" };
  }
  const network = typeof c.network === "string" && c.network !== "" ? c.network : "local";
  const refresh = typeof c.refreshMs === "number" && Number.isInteger(c.refreshMs) && c.refreshMs >= 1000 ? c.refreshMs : 5000;
  return {
    ok: true,
    config: {
      network,
      devnet: typeof c.devnet === "boolean" ? c.devnet : network === "local",
      urls: { nodeUrl: urls.nodeUrl as string, ...(urls.scheduler !== undefined ? { scheduler: urls.scheduler as string } : {}) },
      processes: Object.fromEntries(PROCESS_ROLES.map((r) => [r, processes[r] as string])) as NetworkConfig["processes"],
      ...(c.usdaForm !== undefined ? { usdaForm: c.usdaForm as TokenForm } : {}),
      ...(authorities !== undefined ? { usdaAuthorities: [...(authorities as string[])] } : {}),
      refreshMs: refresh,
    },
  };
}

/**
 * Whether the site may offer the USDA faucet: only on a devnet whose USDA is TIM3's mock-usda, the one token with a
 * Faucet (it publishes TIM3's form; the deployment records "tim3" when it deployed the USDA). A blueprint-form USDA —
 * the real one, or the devnet's double of it (`devnet up --usda blueprint`) — has none: a Faucet message to it would
 * get no answer.
 */
export function hasUsdaFaucet(config: Pick<NetworkConfig, "devnet" | "usdaForm">): boolean {
  return config.devnet && config.usdaForm === "tim3";
}

/**
 * Fetches /config.json (never from the cache) and parses it; throws a sentence to show when it is missing or wrong.
 * `appPackage` names the package whose `config` script writes it (e.g. "@tim3/site").
 */
export async function loadConfig<C>(parse: (raw: unknown) => ConfigResult<C>, appPackage: string): Promise<C> {
  const res = await fetch(CONFIG_PATH, { cache: "no-store" });
  if (!res.ok) throw new Error(`${CONFIG_PATH} answered ${res.status}: run \`pnpm --filter ${appPackage} config\` after deploying`);
  const parsed = parse(await res.json());
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config;
}

/** The SDK's code for a charging node's refusal (checked against the SDK's code list at compile time, no runtime import). */
const NODE_CREDIT: ClientErrorCode = "Node-Credit";

/**
 * An error (or anything thrown) as a sentence to show. A charging node's refusal (the SDK's Node-Credit, with the
 * payment details) says whom to top up, where and how, so a holder knows what to do.
 */
export function errorText(e: unknown): string {
  const credit = e as Partial<Pick<Tim3Error, "code" | "payment">> | null;
  if (typeof credit === "object" && credit !== null && credit.code === NODE_CREDIT && credit.payment !== undefined) {
    const p = credit.payment;
    return (
      `This AO node (${p.nodeUrl}) charges for each message, and your wallet ${p.address} has no credit there: nothing was sent. ` +
      `Top up ${p.address} at the node's ledger (ledger~node-process@1.0; with the aos CLI: AO_URL=${p.nodeUrl} aos --topup, ` +
      `using this wallet), then try again. Your credit there: ${p.balanceUrl}`
    );
  }
  if (e instanceof Error) return e.message;
  return typeof e === "string" ? e : "Unknown error";
}
