/** devnet up | serve: the local AO units, and with `up` the deploy, dev wallet and apps (`--help`). */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildProcesses } from "./build";
import { DEFAULT_DATA_DIR, DEFAULT_PORT, startDevnet, type StartOptions } from "./server";
import { summary, up, type UsdaKind } from "./up";

const USAGE = `usage: devnet <up|serve> [options]
  up      build (Nx) + devnet + deploy + dev wallet + apps, until Ctrl-C
  serve   the node only, until Ctrl-C
  --port N          the units' base port (0: a free random one; default ${DEFAULT_PORT})
  --data-dir DIR    where the units keep their data (default <repo>/.devnet)
  --json            print one machine-readable ready line
  --verbose         the units' logs
  --no-apps         up: do not serve the site and the admin console
  --no-build        up: the bundles are built already (tests inside an Nx task whose dependsOn built them)
  --usda KIND       up: mock (TIM3's mock-usda, default) or blueprint (a double of the aos token blueprint, as
                    an external USDA; no faucet); default from TIM3_USDA
  --second-authority up: USDA as a pre-mainnet token (Variant ao.TN.1) whose messages arrive relayed under a
                    second key the node holds, as the real USDA's may under the legacy relay; TIM3 is deployed
                    trusting both authorities, read from USDA's spawn tags as the mainnet plan reads them
  --push-mode MODE  sync (default, as HyperBEAM's dev_push: a push is answered once it and its cascade are
                    computed) or async (answered at once; the devnet's earlier behaviour)
  --charging PRICE  charge PRICE credit per push and spawn, as a HyperBEAM node with dev_p4 does (402 without
                    credit); up gives the dev wallet credit, others top up with POST /~tim3@1.0/topup
  --faults          serve the fault routes: POST /~tim3@1.0/hold?from=<pid>&target=<pid> keeps back what a process
                    sends another (a node that has not pushed it yet), POST /~tim3@1.0/release pushes it (tests)
  --state-json VER  the JSON state reads answer in: legacy (default; HyperBEAM b2743e4, 2025-05, as the rest of the
                    node) or current (dev_json: ao-types siblings, 400 to serialising a scalar); clients must read both
  --reset           delete the data dir first (a clean devnet and a new deployment; the dev wallet is kept)
  -h, --help        this text`;

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: "string", default: String(DEFAULT_PORT) },
      "data-dir": { type: "string", default: DEFAULT_DATA_DIR },
      json: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      "no-apps": { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      reset: { type: "boolean", default: false },
      usda: { type: "string" },
      "second-authority": { type: "boolean", default: false },
      "push-mode": { type: "string" },
      charging: { type: "string" },
      faults: { type: "boolean", default: false },
      "state-json": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (positionals.length > 1) throw new Error(`unexpected argument ${positionals[1]}`);
  return {
    command: positionals[0] ?? "up",
    port: Number(values.port),
    dataDir: resolve(values["data-dir"]),
    json: values.json,
    verbose: values.verbose,
    apps: !values["no-apps"],
    build: !values["no-build"],
    reset: values.reset,
    usda: parseUsda(values.usda),
    node: { ...nodeOptions(values["push-mode"], values.charging), ...(values.faults ? { faults: true } : {}), ...stateJsonOption(values["state-json"]) },
    secondAuthority: values["second-authority"],
    help: values.help,
  };
}

function stateJsonOption(value: string | undefined): Pick<StartOptions, "stateJson"> {
  if (value === undefined) return {};
  if (value === "legacy" || value === "current") return { stateJson: value };
  throw new Error(`--state-json ${value}: legacy or current`);
}

function parseUsda(value: string | undefined): UsdaKind | undefined {
  if (value === undefined || value === "mock" || value === "blueprint") return value;
  throw new Error(`--usda ${value}: mock or blueprint`);
}

function nodeOptions(pushMode: string | undefined, charging: string | undefined): Pick<StartOptions, "pushMode" | "chargingPrice"> {
  if (pushMode !== undefined && pushMode !== "sync" && pushMode !== "async") throw new Error(`--push-mode ${pushMode}: sync or async`);
  const price = charging === undefined ? undefined : Number(charging);
  if (price !== undefined && (!Number.isSafeInteger(price) || price <= 0)) throw new Error(`--charging ${charging}: a positive integer price`);
  return { ...(pushMode !== undefined ? { pushMode } : {}), ...(price !== undefined ? { chargingPrice: price } : {}) };
}

/** Deletes everything in the data dir but the dev wallet, so --reset keeps the admin key a user may have funded elsewhere. */
function resetDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  for (const entry of readdirSync(dataDir)) if (entry !== "wallet.json") rmSync(join(dataDir, entry), { recursive: true, force: true });
  console.error(`reset: emptied ${dataDir} (kept wallet.json)`);
}

function onSignal(stop: () => Promise<void>) {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => handler("SIGINT"));
  process.on("SIGTERM", () => handler("SIGTERM"));
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (args.reset) resetDataDir(args.dataDir);
  // Until the devnet is up, a signal just exits: startDevnet's exit hook stops the node.
  const early = () => process.exit(130);
  process.once("SIGINT", early);
  process.once("SIGTERM", early);
  const ready = () => {
    process.off("SIGINT", early);
    process.off("SIGTERM", early);
  };
  if (args.command === "serve") {
    const d = await startDevnet({ dataDir: args.dataDir, port: args.port, verbose: args.verbose, ...args.node });
    onSignal(() => d.stop());
    ready();
    console.log(args.json ? `TIM3-DEVNET-UP ${JSON.stringify({ port: d.port, urls: d.urls, pid: d.pid })}` : `AO devnet node on ${d.urls.nodeUrl} (address ${d.address})`);
    return;
  }
  if (args.command !== "up") throw new Error(`unknown command ${args.command} (up | serve)`);
  // On a fresh clone nothing is built yet: Nx builds the bundles (or restores them from its cache) before deploying.
  if (args.build) buildProcesses((l) => console.error(l));
  const r = await up({ dataDir: args.dataDir, port: args.port, verbose: args.verbose, apps: args.apps, usda: args.usda, secondAuthority: args.secondAuthority, node: args.node });
  // The stop handler is in place before the ready line is out: whoever reads that line may signal at once, and a signal
  // libuv caught for a handler that is then removed (the early exit's) is not passed on to one added after it.
  onSignal(() => r.stop());
  ready();
  if (args.json) {
    console.log(`TIM3-DEVNET-UP ${JSON.stringify({ port: r.devnet.port, urls: r.urls, processes: r.processes, usdaForm: r.state.usdaForm, usdaAuthorities: r.state.usdaAuthorities, wallet: r.wallet, nodePid: r.devnet.pid, apps: r.apps.map((a) => ({ name: a.name, url: a.url })) })}`);
  } else console.log(summary(r));
}

main().catch((e: unknown) => {
  console.error(`devnet: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
