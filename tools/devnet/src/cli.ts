/**
 * devnet up    [--port N] [--data-dir DIR] [--json] [--verbose] [--no-apps] [--no-build] [--reset]
 *              build (Nx) + devnet + deploy + dev wallet + apps, until Ctrl-C. --no-build: the bundles are built
 *              already (tests run inside an Nx task whose dependsOn built them; Nx must not be started again there).
 * devnet serve [--port N] [--data-dir DIR] [--reset]                                    the node only, until Ctrl-C
 * --port 0 lets the OS pick a free port. Default data dir: <repo>/.devnet, default port 4000. --reset deletes the data dir
 * first (a clean devnet and a new deployment; the dev wallet is kept).
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildProcesses } from "./build";
import { DEFAULT_DATA_DIR, DEFAULT_PORT, startDevnet } from "./server";
import { summary, up } from "./up";

function parse(argv: string[]) {
  const out = { command: argv[0] ?? "up", port: DEFAULT_PORT, dataDir: DEFAULT_DATA_DIR, json: false, verbose: false, apps: true, build: true, reset: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--port") out.port = Number(argv[++i]);
    else if (a === "--data-dir") out.dataDir = resolve(argv[++i]);
    else if (a === "--json") out.json = true;
    else if (a === "--verbose") out.verbose = true;
    else if (a === "--no-apps") out.apps = false;
    else if (a === "--no-build") out.build = false;
    else if (a === "--reset") out.reset = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
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
    const d = await startDevnet({ dataDir: args.dataDir, port: args.port, verbose: args.verbose });
    console.log(args.json ? `TIM3-DEVNET-UP ${JSON.stringify({ port: d.port, urls: d.urls, pid: d.pid })}` : `AO devnet node on ${d.urls.nodeUrl} (address ${d.address})`);
    ready();
    onSignal(() => d.stop());
    return;
  }
  if (args.command !== "up") throw new Error(`unknown command ${args.command} (up | serve)`);
  // On a fresh clone nothing is built yet: Nx builds the bundles (or restores them from its cache) before deploying.
  if (args.build) buildProcesses((l) => console.error(l));
  const r = await up({ dataDir: args.dataDir, port: args.port, verbose: args.verbose, apps: args.apps });
  if (args.json) {
    console.log(`TIM3-DEVNET-UP ${JSON.stringify({ port: r.devnet.port, urls: r.urls, processes: r.processes, wallet: r.wallet, nodePid: r.devnet.pid })}`);
  } else console.log(summary(r));
  ready();
  onSignal(() => r.stop());
}

main().catch((e: unknown) => {
  console.error(`devnet: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
