/**
 * devnet up    [--port N] [--data-dir DIR] [--json] [--verbose] [--no-apps]   units + deploy + dev wallet + apps, until Ctrl-C
 * devnet serve [--port N] [--data-dir DIR]                        the AO units only, until Ctrl-C
 * --port 0 picks a free random range. Default data dir: <repo>/.devnet, default port 4000.
 */
import { resolve } from "node:path";
import { DEFAULT_DATA_DIR, DEFAULT_PORT, startDevnet } from "./server";
import { summary, up } from "./up";

function parse(argv: string[]) {
  const out = { command: argv[0] ?? "up", port: DEFAULT_PORT, dataDir: DEFAULT_DATA_DIR, json: false, verbose: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--port") out.port = Number(argv[++i]);
    else if (a === "--data-dir") out.dataDir = resolve(argv[++i]);
    else if (a === "--json") out.json = true;
    else if (a === "--verbose") out.verbose = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
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
  // Until the devnet is up, a signal just exits: startDevnet's exit hook stops the units.
  const early = () => process.exit(130);
  process.once("SIGINT", early);
  process.once("SIGTERM", early);
  const ready = () => {
    process.off("SIGINT", early);
    process.off("SIGTERM", early);
  };
  if (args.command === "serve") {
    const d = await startDevnet({ dataDir: args.dataDir, port: args.port, verbose: args.verbose });
    console.log(args.json ? `TIM3-DEVNET-UP ${JSON.stringify({ port: d.port, urls: d.urls, pid: d.pid })}` : `AO units on ${d.urls.gatewayUrl} (MU ${d.urls.muUrl}, CU ${d.urls.cuUrl})`);
    ready();
    onSignal(() => d.stop());
    return;
  }
  if (args.command !== "up") throw new Error(`unknown command ${args.command} (up | serve)`);
  const r = await up({ dataDir: args.dataDir, port: args.port, verbose: args.verbose, apps: !process.argv.includes("--no-apps") });
  if (args.json) {
    console.log(`TIM3-DEVNET-UP ${JSON.stringify({ port: r.devnet.port, urls: r.urls, processes: r.processes, wallet: r.wallet, unitsPid: r.devnet.pid })}`);
  } else console.log(summary(r));
  ready();
  onSignal(() => r.stop());
}

main().catch((e: unknown) => {
  console.error(`devnet: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
