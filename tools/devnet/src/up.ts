/**
 * `devnet up`: start the node → deploy (re-using the deployment in the state file) → fund the dev wallet and turn the
 * faucet on → print URLs, ids and the dev wallet → serve the apps (./apps.ts) → stop everything on SIGINT/SIGTERM.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deploy, ensureJwk, localNetwork, processesOf, withExternalUsda, type DeployState, type NetworkConfig } from "@tim3/deploy";
import { Actions, Tags, fromBaseUnits, toBaseUnits } from "@tim3/protocol";
import { createAoClient, createTim3Client, nodeSigner, toTags, type Tim3Client, type Tim3Processes, type Tim3Signer } from "@tim3/sdk";
import { nodeFetch } from "@tim3/sdk/node";
import { blueprintUsdaLua } from "@tim3/local-ao/blueprint-usda";
import { startApps, type AppHandle } from "./apps";
import { secondAuthorityNetwork } from "./legacy-usda";
import type { UsdaKind } from "./usda-kind";
import { startDevnet, type Devnet, type DevnetUrls, type StartOptions } from "./server";

/** USDA the dev wallet is topped up to at `up`, and what the faucet gives per claim (human units). */
export const DEV_FUNDING = "1000";
export const FAUCET_AMOUNT = "100";

export interface UpOptions {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  verbose?: boolean;
  /** Serve apps/site and apps/admin too (the README main command does; tests do not). */
  apps?: boolean;
  /** Node options (checkpoint interval, delivery delay for crash tests). */
  node?: Pick<StartOptions, "checkpointEvery" | "deliveryDelayMs" | "pushMode" | "chargingPrice" | "faults" | "stateJson" | "relayIds">;
  /**
   * Which USDA: "mock" (processes/mock-usda, TIM3's devnet token, deployed with the rest) or "blueprint" (our own
   * double of the aos token blueprint, libs/local-ao/lua/blueprint-usda.lua, used as an external token as the real
   * USDA is on mainnet; it has no faucet). Default: the TIM3_USDA environment variable, else "mock".
   */
  usda?: UsdaKind;
  /**
   * USDA (of either kind) as a pre-mainnet token: spawned with Variant ao.TN.1, its messages relayed under a second
   * key the node holds (the legacy relay's stand-in), and TIM3 deployed trusting it as the mainnet plan does
   * (./legacy-usda.ts).
   */
  secondAuthority?: boolean;
}

export type { UsdaKind } from "./usda-kind";

export function defaultUsdaKind(): UsdaKind {
  return process.env.TIM3_USDA === "blueprint" ? "blueprint" : "mock";
}

/**
 * The blueprint-like USDA on this devnet: spawned once by the dev wallet (its Owner: the one who may Mint) and kept
 * in <data-dir>/blueprint-usda.json, so a restart re-uses it.
 */
async function ensureBlueprintUsda(urls: DevnetUrls, signer: Tim3Signer, dataDir: string, log: (l: string) => void): Promise<string> {
  const file = join(dataDir, "blueprint-usda.json");
  if (existsSync(file)) {
    const { id } = JSON.parse(readFileSync(file, "utf8")) as { id: string };
    if ((await fetch(`${urls.nodeUrl}/${id}/slot/current`)).ok) return id;
  }
  const network = localNetwork(urls);
  const ao = createAoClient({ network: urls, signer });
  const id = await ao.spawn({ module: network.module, authority: network.authority, tags: toTags({ Name: "tim3-blueprint-usda" }) });
  await ao.evalLua(id, blueprintUsdaLua());
  writeFileSync(file, JSON.stringify({ id }) + "\n");
  log(`spawned the blueprint-like USDA → ${id}`);
  return id;
}

export interface RunningDevnet {
  devnet: Devnet;
  urls: DevnetUrls;
  processes: Tim3Processes;
  state: DeployState;
  wallet: { address: string; keyFile: string };
  client: Tim3Client;
  apps: AppHandle[];
  stop(): Promise<void>;
}

export async function fundDevWallet(client: Tim3Client, address: string, log: (l: string) => void, usda: UsdaKind = "mock"): Promise<void> {
  const denomination = await client.denomination("usda");
  const target = toBaseUnits(DEV_FUNDING, denomination);
  const faucet = toBaseUnits(FAUCET_AMOUNT, denomination);
  if (!target.ok || !faucet.ok) throw new Error("bad funding amounts");
  const balance = await client.balance("usda", address);
  if (BigInt(balance) < BigInt(target.value)) {
    const missing = (BigInt(target.value) - BigInt(balance)).toString();
    // The blueprint-like USDA's test-only Mint answers nothing (mock-usda's answers Mint-Done).
    if (usda === "blueprint") await client.call("usda", toTags({ [Tags.Action]: Actions.Mint, [Tags.Recipient]: address, [Tags.Quantity]: missing }));
    else await client.mintUsda(address, missing);
    log(`minted ${fromBaseUnits(missing, denomination)} USDA to the dev wallet`);
  }
  if (usda === "blueprint") return;
  await client.setFaucet({ quantity: faucet.value });
  log(`faucet on: ${FAUCET_AMOUNT} USDA per claim`);
}

export async function up(options: UpOptions): Promise<RunningDevnet> {
  const log = options.log ?? ((l: string) => console.log(l));
  const t0 = Date.now();
  const devnet = await startDevnet({
    dataDir: options.dataDir, port: options.port, verbose: options.verbose, ...options.node, ...(options.secondAuthority ? { legacyRelay: true } : {}),
  });
  const infoFile = join(options.dataDir, "devnet.json");
  try {
    log(
      `AO devnet node on ${devnet.urls.nodeUrl} (address ${devnet.address}; data ${options.dataDir}/node.lmdb; ` +
        `opened in ${devnet.startMs} ms, replayed ${devnet.replayed})${devnet.recovered ? `; finishing ${devnet.recovered} interrupted messages` : ""}`,
    );
    writeFileSync(infoFile, JSON.stringify({ port: devnet.port, urls: devnet.urls, pid: devnet.pid, startedAt: new Date().toISOString() }, null, 2) + "\n");
    const keyFile = join(options.dataDir, "wallet.json");
    const { jwk, created } = ensureJwk(keyFile);
    const signer = nodeSigner(jwk);
    const address = await signer.address();
    if (created) log(`generated the dev wallet ${address} (${keyFile})`);
    if (options.node?.chargingPrice) {
      // A charging node: the dev wallet (deployer and admin) gets credit, as an operator would top it up.
      const r = await fetch(`${devnet.urls.nodeUrl}/~tim3@1.0/topup?address=${address}&amount=1000000000`, { method: "POST" });
      if (!r.ok) throw new Error(`topping up the dev wallet's credit failed: HTTP ${r.status}`);
      log(`charging node: ${options.node.chargingPrice} credit per message; the dev wallet has credit`);
    }
    const usda = options.usda ?? defaultUsdaKind();
    let network: NetworkConfig = localNetwork(devnet.urls);
    if (options.secondAuthority) {
      if (devnet.legacyRelay === undefined) throw new Error("the devnet node holds no second key (--legacy-relay)");
      network = await secondAuthorityNetwork(devnet.urls, jwk, devnet.legacyRelay, usda, options.dataDir, (l) => log(`second authority: ${l}`));
    } else if (usda === "blueprint") {
      const id = await ensureBlueprintUsda(devnet.urls, signer, options.dataDir, log);
      // As a mainnet deploy plans the real USDA: its Denomination from the token-info it exposes, its authorities from
      // its spawn tags (the node answers the gateway's query), recorded for the SDK's verdict read.
      network = await withExternalUsda(network, id);
    }
    const { state } = await deploy({ network, signer, stateFile: join(options.dataDir, "deploy-state.json"), log: (l) => log(`deploy: ${l}`) });
    const processes = processesOf(state);
    const client = createTim3Client({ network: devnet.urls, processes, signer, usdaForm: state.usdaForm, usdaAuthorities: state.usdaAuthorities, fetch: nodeFetch() });
    await fundDevWallet(client, address, log, usda);
    const apps = options.apps === true ? await startApps({ urls: devnet.urls, processes, dataDir: options.dataDir, state }, log) : [];
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      for (const app of apps) await app.stop().catch(() => undefined);
      await devnet.stop();
      rmSync(infoFile, { force: true });
    };
    log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { devnet, urls: devnet.urls, processes, state, wallet: { address, keyFile }, client, apps, stop };
  } catch (e) {
    await devnet.stop();
    rmSync(infoFile, { force: true });
    throw e;
  }
}

export function summary(r: RunningDevnet): string {
  const lines = [
    "",
    "TIM3 devnet",
    `  node         ${r.urls.nodeUrl}   (HyperBEAM API: aoconnect MODE "mainnet")`,
    `  scheduler    ${r.urls.scheduler}   (the node's address; ${r.devnet.legacyRelay !== undefined ? "one of the Authorities below" : "every process's Authority"})`,
    ...(r.devnet.legacyRelay !== undefined ? [`  authority    ${r.state.authority}   (USDA relayed under the second authority ${r.devnet.legacyRelay})`] : []),
    "processes",
    ...Object.entries(r.processes).map(([role, id]) => `  ${role.padEnd(13)}${id}`),
    "dev wallet (admin)",
    `  address      ${r.wallet.address}`,
    `  key file     ${r.wallet.keyFile}`,
    ...(r.apps.length ? ["apps", ...r.apps.map((a) => `  ${a.name.padEnd(13)}${a.url}`)] : []),
    "",
    "Try: node tools/cli/bin/tim3.mjs status   ·   Ctrl-C stops everything",
  ];
  return lines.join("\n");
}
