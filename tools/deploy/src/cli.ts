/**
 * tim3-deploy [--network devnet|mainnet] [--dry-run] [--force] [--state FILE] [--wallet FILE] [--admin ADDRESS]
 *             [--port N | --config FILE] [--bundle role=path ...]
 * --admin:  hand every process to this address afterwards (Admin and aos Owner); the wallet then keeps no power.
 * devnet (also `local`): the devnet node at 127.0.0.1:<port> (default: the running `devnet up`, else 4000), state
 *          .devnet/deploy-state.json, wallet .devnet/wallet.json (generated if missing; it becomes the admin).
 * mainnet: the profile --config (default tools/deploy/networks/mainnet.json): HyperBEAM node, scheduler, module,
 *          Authority (the node's address, and USDA's when it differs), the real USDA; resolved against the node
 *          (its address, USDA's token-info) and a gateway (USDA's spawn tags) before planning. The admin key from --wallet (required), state .deploy/mainnet-state.json.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs as parseArgsUtil } from "node:util";
import { nodeSigner, type ProcessRole } from "@tim3/sdk";
import { workspaceRoot } from "./bundles";
import { deploy, readState, type DeployState } from "./deploy";
import { withExternalUsda } from "./external-usda";
import { localNetwork, type NetworkConfig } from "./manifest";
import { readMainnetProfile, resolveMainnet } from "./profiles";
import { ensureJwk, readJwk } from "./wallet";

export interface DeployArgs {
  network: "local" | "mainnet";
  dryRun: boolean;
  force: boolean;
  state?: string;
  wallet?: string;
  admin?: string;
  port?: number;
  config?: string;
  bundles: Partial<Record<ProcessRole, string>>;
}

export const USAGE = `usage: tim3-deploy [--network devnet|mainnet] [--dry-run] [--force] [--state FILE] [--wallet FILE] [--admin ADDRESS]
                   [--port N | --config FILE] [--bundle role=path ...]
  --network devnet|mainnet where to deploy (default devnet; "local" is the same)
  --dry-run                print the plan, change nothing
  --force                  re-load every bundle even when the stamped hash matches
  --state FILE             the deploy state (local: .devnet/deploy-state.json, mainnet: .deploy/mainnet-state.json)
  --wallet FILE            the deployer's key (local: .devnet/wallet.json, generated if missing; mainnet: required)
  --admin ADDRESS          hand every process to this address afterwards (Admin and aos Owner)
  --port N                 local: the units' base port (default: the running devnet up, else 4000)
  --config FILE            mainnet: the network profile (default tools/deploy/networks/mainnet.json)
  --bundle role=path       load this bundle for a role instead of processes/<name>/dist/process.lua (repeatable)
  -h, --help               this text`;

/** The command line through node:util parseArgs; `help` is set for -h/--help. */
export function parseArgs(argv: string[]): DeployArgs & { help: boolean } {
  const { values } = parseArgsUtil({
    args: argv,
    strict: true,
    options: {
      network: { type: "string", default: "devnet" },
      "dry-run": { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      state: { type: "string" },
      wallet: { type: "string" },
      admin: { type: "string" },
      port: { type: "string" },
      config: { type: "string" },
      bundle: { type: "string", multiple: true, default: [] },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.network !== "local" && values.network !== "devnet" && values.network !== "mainnet") {
    throw new Error("--network must be devnet or mainnet");
  }
  const bundles: DeployArgs["bundles"] = {};
  for (const b of values.bundle) {
    const [role, path] = b.split("=", 2);
    if (path === undefined) throw new Error(`--bundle ${b}: expected role=path`);
    bundles[role as ProcessRole] = resolve(path);
  }
  return {
    network: values.network === "mainnet" ? "mainnet" : "local",
    dryRun: values["dry-run"],
    force: values.force,
    state: values.state === undefined ? undefined : resolve(values.state),
    wallet: values.wallet === undefined ? undefined : resolve(values.wallet),
    admin: values.admin,
    port: values.port === undefined ? undefined : Number(values.port),
    config: values.config === undefined ? undefined : resolve(values.config),
    bundles,
    help: values.help,
  };
}

export const DEVNET_DIR = join(workspaceRoot, ".devnet");

/**
 * The running local devnet: its node URL and address (the scheduler and Authority). `devnet up` writes them to
 * .devnet/devnet.json; with an explicit port (or no such file) the node is asked for its address.
 */
export async function localDevnet(port?: number): Promise<DeployState["urls"]> {
  const f = join(DEVNET_DIR, "devnet.json");
  if (port === undefined && existsSync(f)) return (JSON.parse(readFileSync(f, "utf8")) as Pick<DeployState, "urls">).urls;
  const nodeUrl = `http://127.0.0.1:${port ?? 4000}`;
  const r = await fetch(`${nodeUrl}/~meta@1.0/info/address`).catch(() => undefined);
  if (!r?.ok) throw new Error(`no devnet answers at ${nodeUrl}: start it first (pnpm start)`);
  return { nodeUrl, scheduler: (await r.text()).trim() };
}

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  if (args.help) {
    console.log(USAGE);
    return;
  }
  let network: NetworkConfig;
  let stateFile: string;
  let jwk;
  let notes: string[] = [];
  if (args.network === "local") {
    network = localNetwork(await localDevnet(args.port));
    stateFile = args.state ?? join(DEVNET_DIR, "deploy-state.json");
    // A devnet whose USDA is external (`devnet up --usda blueprint` or `--second-authority`): planned as mainnet plans
    // the real one (its token-info, and the authorities its spawn names), not replaced by a new mock-usda.
    const recordedUsda = readState(stateFile)?.processes.usda;
    if (recordedUsda?.external) network = await withExternalUsda(network, recordedUsda.id, { log: (l) => notes.push(l) });
    jwk = args.wallet ? readJwk(args.wallet) : ensureJwk(join(DEVNET_DIR, "wallet.json")).jwk;
  } else {
    const profile = readMainnetProfile(args.config ?? join(workspaceRoot, "tools", "deploy", "networks", "mainnet.json"));
    stateFile = args.state ?? join(workspaceRoot, ".deploy", "mainnet-state.json");
    if (!args.wallet) throw new Error("mainnet needs --wallet <key file> (the admin's JWK)");
    jwk = readJwk(args.wallet);
    // The only requests before the plan: the node's address and USDA's spawn tags (the Authorities), USDA's token-info.
    ({ network, notes } = await resolveMainnet(profile));
  }
  const signer = nodeSigner(jwk);
  console.log(`deploy to ${network.name} (${network.nodeUrl}) as ${await signer.address()}${args.dryRun ? " — dry run" : ""}`);
  for (const line of notes) console.log(`  ${line}`);
  const result = await deploy({
    network, signer, admin: args.admin, stateFile, bundles: args.bundles, force: args.force, dryRun: args.dryRun, log: (l) => console.log(`  ${l}`),
  });
  if (!args.dryRun) console.log(`state: ${stateFile} (${result.changes.length} change${result.changes.length === 1 ? "" : "s"})`);
}

/** The `tim3-deploy` command (src/main.ts, the bundle's entry, calls it): exits 1 with the reason if it fails. */
export function runMain(argv: string[]): void {
  main(argv).catch((e: unknown) => {
    console.error(`deploy failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
