/**
 * Network profiles: `devnet` (the local devnet's HyperBEAM API; `local` is the same) and `mainnet` (AO mainnet on a
 * HyperBEAM node, networks/mainnet.json). A mainnet profile is resolved against its node before anything is planned:
 * the Authority every process trusts is the node's own address (`GET <node>/~meta@1.0/info/address`), and USDA's
 * Denomination is checked against the token-info it exposes. Those are the only two requests a dry run makes.
 */
import { existsSync, readFileSync } from "node:fs";
import { BlueprintKeys, CacheKeys, Tags, isAddress } from "@tim3/protocol";
import type { TokenForm } from "@tim3/sdk";
import type { NetworkConfig } from "./manifest";

export interface MainnetProfile {
  name: string;
  /** The HyperBEAM node: messages are pushed to it and exposed state is read from it. */
  nodeUrl: string;
  scheduler: string;
  module: string;
  /** A process id or address, or "node": the node's address from ~meta@1.0/info/address. */
  authority: string;
  external?: NetworkConfig["external"];
  expect?: { usdaDenomination?: string };
  /** What the node requires before it accepts messages (said in the plan). */
  topUp?: string;
}

export interface ResolvedNetwork {
  network: NetworkConfig;
  /** Lines for the plan: where, trusting whom, what USDA is, what must be paid first. */
  notes: string[];
}

export function readMainnetProfile(file: string): MainnetProfile {
  if (!existsSync(file)) throw new Error(`mainnet needs a network profile: ${file} does not exist`);
  const c = JSON.parse(readFileSync(file, "utf8")) as Partial<MainnetProfile>;
  for (const k of ["nodeUrl", "scheduler", "module", "authority"] as const) {
    if (typeof c[k] !== "string" || c[k] === "") throw new Error(`${file}: ${k} is required`);
  }
  for (const k of ["scheduler", "module"] as const) if (!isAddress(c[k] as string)) throw new Error(`${file}: ${k} must be an id (got ${c[k]})`);
  if (c.authority !== "node" && !isAddress(c.authority as string)) throw new Error(`${file}: authority must be an address or "node"`);
  return { ...(c as MainnetProfile), name: c.name ?? "mainnet" };
}

type Fetch = typeof fetch;

async function getText(fetchFn: Fetch, url: string): Promise<{ status: number; body: string }> {
  let r: Response;
  try {
    r = await fetchFn(url, { signal: AbortSignal.timeout(20_000) });
  } catch (e) {
    throw new Error(`GET ${url} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { status: r.status, body: await r.text() };
}

/** The node's address: processes spawned there must trust it as their Authority. */
export async function nodeAddress(nodeUrl: string, fetchFn: Fetch = fetch): Promise<string> {
  const url = `${nodeUrl.replace(/\/+$/, "")}/~meta@1.0/info/address`;
  const r = await getText(fetchFn, url);
  if (r.status !== 200) throw new Error(`GET ${url}: HTTP ${r.status}`);
  const address = r.body.trim().replace(/^"|"$/g, "");
  if (!isAddress(address)) throw new Error(`GET ${url} did not answer an address (got ${r.body.slice(0, 80)})`);
  return address;
}

/**
 * A token's exposed token-info (denomination, ticker, …) and so the form it publishes in: the aos token blueprint
 * patches it at the top of the process state ("blueprint"), TIM3's tokens under cache/ ("tim3"); both are tried, in
 * that order. Keys come back lowercase.
 */
export async function exposedToken(nodeUrl: string, token: string, fetchFn: Fetch = fetch): Promise<{ info: Record<string, unknown>; form: TokenForm }> {
  const base = `${nodeUrl.replace(/\/+$/, "")}/${token}~process@1.0/now`;
  const tried: string[] = [];
  const forms: [string, TokenForm][] = [[BlueprintKeys.TokenInfo, "blueprint"], [`cache/${CacheKeys.TokenInfo}`, "tim3"]];
  for (const [path, form] of forms) {
    const url = `${base}/${path}/serialize~json@1.0`;
    const r = await getText(fetchFn, url);
    tried.push(`${url} → HTTP ${r.status}`);
    if (r.status === 404) continue;
    if (r.status !== 200) throw new Error(`GET ${url}: HTTP ${r.status}`);
    const value = JSON.parse(r.body) as unknown;
    if (typeof value === "object" && value !== null) return { info: value as Record<string, unknown>, form };
    throw new Error(`GET ${url}: not a token-info object`);
  }
  throw new Error(`${token} exposes no token-info:\n  ${tried.join("\n  ")}`);
}

/** A token's exposed token-info (see `exposedToken`). */
export async function exposedTokenInfo(nodeUrl: string, token: string, fetchFn: Fetch = fetch): Promise<Record<string, unknown>> {
  return (await exposedToken(nodeUrl, token, fetchFn)).info;
}

/** Reads the node's address and USDA's token-info, checks them against the profile, and says what the plan assumes. */
export async function resolveMainnet(profile: MainnetProfile, fetchFn: Fetch = fetch): Promise<ResolvedNetwork> {
  const notes: string[] = [];
  const externalInfo: NonNullable<NetworkConfig["externalInfo"]> = {};
  let usdaForm: TokenForm | undefined;
  const address = await nodeAddress(profile.nodeUrl, fetchFn);
  const authority = profile.authority === "node" ? address : profile.authority;
  notes.push(`node      ${profile.nodeUrl} (address ${address})`);
  notes.push(`scheduler ${profile.scheduler}`);
  notes.push(`module    ${profile.module}`);
  notes.push(`authority ${authority}${profile.authority === "node" ? " (the node's address)" : ""}`);
  const usda = profile.external?.usda;
  if (usda !== undefined) {
    const { info, form } = await exposedToken(profile.nodeUrl, usda, fetchFn);
    usdaForm = form;
    const denomination = String(info.denomination ?? "");
    const expected = profile.expect?.usdaDenomination;
    if (expected !== undefined && denomination !== expected) {
      throw new Error(`USDA ${usda} has Denomination ${denomination || "(none)"}, the profile expects ${expected}: refusing to plan`);
    }
    notes.push(`usda      ${usda} (${String(info.ticker ?? "?")}, Denomination ${denomination}, publishes in the ${usdaForm} form) — TIM3 takes its Denomination`);
    externalInfo.usda = { [Tags.Denomination]: denomination };
  }
  if (profile.topUp !== undefined) notes.push(`top-up    ${profile.topUp}`);
  const network: NetworkConfig = {
    name: profile.name,
    nodeUrl: profile.nodeUrl,
    module: profile.module,
    scheduler: profile.scheduler,
    authority,
    external: profile.external,
    externalInfo,
    ...(usdaForm !== undefined ? { usdaForm } : {}),
  };
  return { network, notes };
}
