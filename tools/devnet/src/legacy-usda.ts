/**
 * `up --second-authority`: USDA as a pre-mainnet token, whose messages reach TIM3 relayed under another authority.
 *
 * The real USDA predates mainnet (Variant ao.TN.1) and its messages may arrive relayed by the legacy relay
 * (`fcoN_xJeisVsPXA-trzVAuIiqO3ydLQxM-L4XbrQKzY`), not by the node that hosts TIM3. The devnet node, started with its
 * second key (`--legacy-relay`, node/relay-authority.ts), relays everything a Variant ao.TN.1 process sends under
 * that key. Here the dev wallet spawns the USDA (mock-usda's bundle, or the blueprint-like double) that way — a signed
 * spawn item of its own, since aoconnect's mainnet spawn always sets Variant ao.N.1 (ao-core.js `getAOParams`) — and
 * the deploy then goes through the mainnet plan's path: USDA is external, its spawn tags are read from a gateway's
 * GraphQL (the node answers that query, node/gateway.ts) and TIM3's processes are spawned trusting every authority
 * USDA's spawn names (`authoritiesWithUsda`).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LOCAL_MODULE, bundlePath, localNetwork, readBundle, withExternalUsda, type NetworkConfig } from "@tim3/deploy";
import { Tags, Topology } from "@tim3/protocol";
import { createAoClient, nodeSigner, signDataItem, type ArweaveJwk } from "@tim3/sdk";
import { blueprintUsdaLua } from "@tim3/local-ao/blueprint-usda";
import type { DevnetUrls } from "./server";
import { LEGACY_VARIANT } from "./node/relay-authority";
import type { UsdaKind } from "./usda-kind";


interface LegacyUsdaFile {
  id: string;
  kind: UsdaKind;
}

/**
 * Spawns a Variant ao.TN.1 process for the dev wallet with a signed item of our own (aoconnect would set ao.N.1).
 * Its Authority: the legacy relay first (whose key it was spawned under on the legacy network), then this node, which
 * relays the Lock Manager's releases to it (a USDA that trusted only the legacy relay would drop them).
 */
async function spawnLegacy(urls: DevnetUrls, jwk: ArweaveJwk, legacyRelay: string, name: string): Promise<string> {
  const tags = {
    "Data-Protocol": "ao",
    Variant: LEGACY_VARIANT,
    Type: "Process",
    Module: LOCAL_MODULE,
    Scheduler: urls.scheduler,
    Authority: `${legacyRelay},${urls.scheduler}`,
    [Tags.Name]: name,
  };
  const { raw } = await signDataItem(jwk, { tags: Object.entries(tags).map(([n, value]) => ({ name: n, value })), data: "1984" });
  const r = await fetch(`${urls.nodeUrl}/push`, { method: "POST", headers: { "Content-Type": "application/ans104" }, body: Buffer.from(raw) });
  const text = await r.text();
  const id = r.headers.get("process");
  if (!r.ok || id === null) throw new Error(`spawning the legacy-relayed USDA failed: HTTP ${r.status} ${text.slice(0, 300)}`);
  return id;
}

/** The USDA relayed under the second authority, spawned once (kept in <data-dir>/legacy-usda.json) and loaded. */
async function ensureLegacyUsda(urls: DevnetUrls, jwk: ArweaveJwk, legacyRelay: string, kind: UsdaKind, dataDir: string, log: (l: string) => void): Promise<string> {
  const file = join(dataDir, "legacy-usda.json");
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, "utf8")) as LegacyUsdaFile;
    if (kept.kind === kind && (await fetch(`${urls.nodeUrl}/${kept.id}/slot/current`)).ok) return kept.id;
  }
  const id = await spawnLegacy(urls, jwk, legacyRelay, kind === "blueprint" ? "tim3-blueprint-usda" : Topology.usda.spawnTags[Tags.Name]);
  const lua = kind === "blueprint" ? blueprintUsdaLua() : readBundle(bundlePath(Topology.usda.folder)).lua;
  await createAoClient({ network: urls, signer: nodeSigner(jwk) }).evalLua(id, lua);
  writeFileSync(file, JSON.stringify({ id, kind } satisfies LegacyUsdaFile) + "\n");
  log(`spawned the ${kind} USDA as a pre-mainnet process (Variant ${LEGACY_VARIANT}) relayed under the second authority ${legacyRelay} → ${id}`);
  return id;
}

/**
 * The network to deploy TIM3 on when USDA is relayed under the second authority: USDA external, its Denomination and
 * form from the token-info it exposes, and the Authority from USDA's spawn tags as the devnet's gateway tells them
 * (the same function the mainnet plan calls). A recorded deployment spawned trusting other authorities is refused by
 * the deploy (`assertSameAuthority`).
 */
export async function secondAuthorityNetwork(
  urls: DevnetUrls,
  jwk: ArweaveJwk,
  legacyRelay: string,
  kind: UsdaKind,
  dataDir: string,
  log: (l: string) => void,
): Promise<NetworkConfig> {
  const usda = await ensureLegacyUsda(urls, jwk, legacyRelay, kind, dataDir, log);
  return withExternalUsda(localNetwork(urls), usda, { log });
}
