/**
 * Network profiles: `devnet` (the local devnet's HyperBEAM API; `local` is the same) and `mainnet` (AO mainnet on a
 * HyperBEAM node, networks/mainnet.json). A mainnet profile is resolved against its node before anything is planned:
 * the Authority every process trusts is the node's own address (`GET <node>/~meta@1.0/info/address`), and USDA's
 * Denomination is checked against the token-info it exposes. USDA's spawn tags (Variant, Authority, Scheduler,
 * Module) are read from a gateway's GraphQL: TIM3's processes must trust every authority USDA's messages arrive under,
 * or the Lock Manager drops every deposit's Credit-Notice. With the deployer's credit at the node's ledger (./credit.ts),
 * those are the only requests a dry run makes.
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
  /** An Arweave gateway (e.g. https://arweave.net) whose `/graphql` tells USDA's spawn tags. */
  gateway?: string;
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
  if (c.external?.usda !== undefined && (typeof c.gateway !== "string" || c.gateway === "")) {
    throw new Error(`${file}: gateway is required with an external usda (its spawn's Authority is read there)`);
  }
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

/** The tags of USDA's spawn that decide where it runs and whose messages it trusts and sends under. */
export interface SpawnTags {
  variant?: string;
  /** Every Authority, in order: each Authority tag, split on commas (as aos's ao.init reads them). */
  authorities: string[];
  scheduler?: string;
  module?: string;
}

/**
 * A process's spawn tags from a gateway's Arweave GraphQL (`POST <gateway>/graphql`, `transactions(ids: [...])
 * { edges { node { tags { name value } } } }`: the schema's Transaction.tags is `[Tag!]!`, Tag `{ name, value }`).
 * Throws, saying why, when the gateway cannot tell (unreachable, HTTP error, GraphQL errors, no such transaction).
 */
export async function spawnTags(gateway: string, id: string, fetchFn: Fetch = fetch): Promise<SpawnTags> {
  const url = `${gateway.replace(/\/+$/, "")}/graphql`;
  const query = "query ($ids: [ID!]) { transactions(ids: $ids) { edges { node { id tags { name value } } } } }";
  let status: number;
  let body: string;
  try {
    const r = await fetchFn(url, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables: { ids: [id] } }), signal: AbortSignal.timeout(20_000),
    });
    status = r.status;
    body = await r.text();
  } catch (e) {
    throw new Error(`POST ${url} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (status !== 200) throw new Error(`POST ${url}: HTTP ${status}`);
  type Reply = { data?: { transactions?: { edges?: { node?: { id?: string; tags?: { name: string; value: string }[] } }[] } }; errors?: { message?: string }[] };
  let reply: Reply;
  try {
    reply = JSON.parse(body) as Reply;
  } catch {
    throw new Error(`POST ${url} did not answer JSON (got ${body.slice(0, 80)})`);
  }
  if (reply.errors !== undefined && reply.errors.length > 0) throw new Error(`POST ${url}: ${reply.errors.map((e) => e.message ?? "error").join("; ")}`);
  const node = reply.data?.transactions?.edges?.find((e) => e.node?.id === undefined || e.node.id === id)?.node;
  if (node?.tags === undefined) throw new Error(`the gateway at ${url} knows no transaction ${id}`);
  const tag = (name: string) => node.tags!.find((t) => t.name === name)?.value;
  const authorities: string[] = [];
  for (const t of node.tags) {
    if (t.name !== "Authority") continue;
    for (const part of t.value.split(",")) if (part !== "" && !authorities.includes(part)) authorities.push(part);
  }
  return { variant: tag("Variant"), authorities, scheduler: tag("Scheduler"), module: tag("Module") };
}

/** Whom TIM3's processes trust: `authority` (comma-separated, for the spawn), each one, and what the plan says about it. */
export interface UsdaTrust {
  authority: string;
  trusted: string[];
  /** The spawn tags read (one line), when USDA was asked about. */
  notes: string[];
  usdaAuthorityNote?: string;
  /** USDA's own authorities, as its spawn names them (when it was asked about and names any). */
  usdaAuthorities?: string[];
}

/**
 * Every authority TIM3's processes must trust: `own` (the node's, which relays their peers' messages), then each
 * authority USDA was spawned with, read from the gateway (`spawnTags`). USDA's messages arrive under those: a process
 * that trusts none of them drops every Credit-Notice USDA sends. Throws when the gateway cannot tell. Both the mainnet
 * plan (`resolveMainnet`) and the devnet's second-authority USDA (tools/devnet `up --second-authority`) go through it.
 */
export async function authoritiesWithUsda(own: string, usda: string | undefined, gateway: string | undefined, fetchFn: Fetch = fetch): Promise<UsdaTrust> {
  const notes: string[] = [];
  const trusted = [own];
  let usdaAuthorityNote: string | undefined;
  let usdaAuthorities: string[] | undefined;
  if (usda !== undefined) {
    let spawn: SpawnTags;
    try {
      if (gateway === undefined) throw new Error("no gateway to ask");
      spawn = await spawnTags(gateway, usda, fetchFn);
    } catch (e) {
      throw new Error(
        `could not verify USDA's spawn (${usda}) at the gateway ${gateway}: ${e instanceof Error ? e.message : String(e)}. ` +
          "Without its Authority the plan cannot say whom TIM3's processes must trust (a Lock Manager that does not trust USDA's authority drops every deposit): refusing to plan",
      );
    }
    notes.push(
      `usda spawn Variant=${spawn.variant ?? "(none)"} Authority=${spawn.authorities.join(",") || "(none)"} Scheduler=${spawn.scheduler ?? "(none)"} Module=${spawn.module ?? "(none)"} (from ${gateway})`,
    );
    if (spawn.authorities.length > 0) usdaAuthorities = spawn.authorities;
    const extra = spawn.authorities.filter((a) => !trusted.includes(a));
    trusted.push(...extra);
    usdaAuthorityNote =
      spawn.authorities.length === 0
        ? "USDA's spawn names no Authority: TIM3's processes trust only the node's"
        : extra.length === 0
          ? "USDA's Authority is the one TIM3's processes trust already"
          : `USDA's messages come under Authority ${extra.join(", ")}, not the node's: TIM3's processes are spawned trusting both (one comma-separated Authority tag), or the Lock Manager would drop every Credit-Notice USDA sends`;
  }
  // aos 2.0.x reads a comma-separated list (process/ao.lua `ao.init` splits each Authority tag on ","), and aoconnect
  // 0.0.98's mainnet spawn (`spawnWith`) sends a single Authority param: one tag, comma-separated.
  return { authority: trusted.join(","), trusted, notes, ...(usdaAuthorityNote !== undefined ? { usdaAuthorityNote } : {}), ...(usdaAuthorities !== undefined ? { usdaAuthorities } : {}) };
}

/** Reads the node's address and USDA's token-info, checks them against the profile, and says what the plan assumes. */
export async function resolveMainnet(profile: MainnetProfile, fetchFn: Fetch = fetch): Promise<ResolvedNetwork> {
  const notes: string[] = [];
  const externalInfo: NonNullable<NetworkConfig["externalInfo"]> = {};
  let usdaForm: TokenForm | undefined;
  const address = await nodeAddress(profile.nodeUrl, fetchFn);
  const own = profile.authority === "node" ? address : profile.authority;
  notes.push(`node      ${profile.nodeUrl} (address ${address})`);
  notes.push(`scheduler ${profile.scheduler}`);
  notes.push(`module    ${profile.module}`);
  const usda = profile.external?.usda;
  const { authority, trusted, notes: trustNotes, usdaAuthorityNote, usdaAuthorities } = await authoritiesWithUsda(own, usda, profile.gateway, fetchFn);
  notes.push(...trustNotes);
  notes.push(`authority ${authority}${profile.authority === "node" ? ` (${trusted.length > 1 ? "the node's address, then USDA's" : "the node's address"})` : ""}`);
  if (usdaAuthorityNote !== undefined) notes.push(`          ${usdaAuthorityNote}`);
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
    ...(usdaAuthorities !== undefined ? { usdaAuthorities } : {}),
  };
  return { network, notes };
}
