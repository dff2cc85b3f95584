/**
 * tim3-deploy [--network local|mainnet] [--dry-run] [--force] [--state FILE] [--wallet FILE] [--admin ADDRESS]
 *             [--port N | --config FILE] [--bundle role=path ...]
 * --admin:  hand every process to this address afterwards (Admin and aos Owner); the wallet then keeps no power.
 * local:   the devnet node at 127.0.0.1:<port> (default: the running `devnet up`, else 4000), state .devnet/deploy-state.json,
 *          wallet .devnet/wallet.json (generated if missing; it becomes the admin).
 * mainnet: the HyperBEAM node URL, module, scheduler, authority (and existing processes such as USDA) from --config
 *          (default tools/deploy/networks/mainnet.json), the admin key from --wallet (required), state
 *          .deploy/mainnet-state.json.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { nodeSigner, type ProcessRole } from "@tim3/sdk";
import { workspaceRoot } from "./bundles";
import { deploy } from "./deploy";
import { localNetwork, type NetworkConfig } from "./manifest";
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

export function parseArgs(argv: string[]): DeployArgs {
  const args: DeployArgs = { network: "local", dryRun: false, force: false, bundles: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--network") {
      const n = next();
      if (n !== "local" && n !== "mainnet") throw new Error("--network must be local or mainnet");
      args.network = n;
    } else if (a === "--dry-run") args.dryRun = true;
    else if (a === "--force") args.force = true;
    else if (a === "--state") args.state = resolve(next());
    else if (a === "--wallet") args.wallet = resolve(next());
    else if (a === "--admin") args.admin = next();
    else if (a === "--port") args.port = Number(next());
    else if (a === "--config") args.config = resolve(next());
    else if (a === "--bundle") {
      const [role, path] = next().split("=", 2);
      args.bundles[role as ProcessRole] = resolve(path);
    } else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

export const DEVNET_DIR = join(workspaceRoot, ".devnet");

/**
 * The running local devnet: its node URL and address (the scheduler and Authority). `devnet up` writes them to
 * .devnet/devnet.json; with an explicit port (or no such file) the node is asked for its address.
 */
export async function localDevnet(port?: number): Promise<{ nodeUrl: string; scheduler: string }> {
  const f = join(DEVNET_DIR, "devnet.json");
  if (port === undefined && existsSync(f)) return (JSON.parse(readFileSync(f, "utf8")) as { urls: { nodeUrl: string; scheduler: string } }).urls;
  const nodeUrl = `http://127.0.0.1:${port ?? 4000}`;
  const r = await fetch(`${nodeUrl}/~meta@1.0/info/address`).catch(() => undefined);
  if (!r?.ok) throw new Error(`no devnet answers at ${nodeUrl}: start it first (pnpm start)`);
  return { nodeUrl, scheduler: (await r.text()).trim() };
}

export function mainnetNetwork(configFile: string): NetworkConfig {
  if (!existsSync(configFile)) throw new Error(`mainnet needs a network config file: ${configFile} does not exist`);
  const c = JSON.parse(readFileSync(configFile, "utf8")) as Partial<NetworkConfig>;
  for (const k of ["nodeUrl", "module", "scheduler", "authority"] as const) {
    if (typeof c[k] !== "string" || c[k] === "") throw new Error(`${configFile}: ${k} is required`);
  }
  return { ...(c as NetworkConfig), name: "mainnet" };
}

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  let network: NetworkConfig;
  let stateFile: string;
  let jwk;
  if (args.network === "local") {
    network = localNetwork(await localDevnet(args.port));
    stateFile = args.state ?? join(DEVNET_DIR, "deploy-state.json");
    jwk = args.wallet ? readJwk(args.wallet) : ensureJwk(join(DEVNET_DIR, "wallet.json")).jwk;
  } else {
    network = mainnetNetwork(args.config ?? join(workspaceRoot, "tools", "deploy", "networks", "mainnet.json"));
    stateFile = args.state ?? join(workspaceRoot, ".deploy", "mainnet-state.json");
    if (!args.wallet) throw new Error("mainnet needs --wallet <key file> (the admin's JWK)");
    jwk = readJwk(args.wallet);
  }
  const signer = nodeSigner(jwk);
  console.log(`deploy to ${network.name} (${network.nodeUrl}) as ${await signer.address()}${args.dryRun ? " — dry run" : ""}`);
  const result = await deploy({
    network, signer, admin: args.admin, stateFile, bundles: args.bundles, force: args.force, dryRun: args.dryRun, log: (l) => console.log(`  ${l}`),
  });
  if (!args.dryRun) console.log(`state: ${stateFile} (${result.changes.length} change${result.changes.length === 1 ? "" : "s"})`);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]).endsWith(join("deploy", "src", "cli.ts"));
if (isMain) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`deploy failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
