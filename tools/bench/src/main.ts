/**
 * pnpm bench — measures TIM3 (runtime, flows, scale, bundles, suite, apps, state reads, CLI start-up) and writes bench-results/<time>/report.{json,md}. Every number comes from this run.
 * Flags: --quick (smaller counts, no test-suite timing), --skip-suite, --skip-apps-build, --skip-devnet, --only a,b.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { benchApps } from "./apps";
import { benchBundles } from "./bundles";
import { benchCliStart } from "./cli-start";
import { benchDevnet, benchHttpReads, type ReadSizes } from "./devnet";
import { benchFlows } from "./flows";
import { benchPushModes, describePushModes } from "./push-modes";
import { benchReads } from "./reads";
import { benchRelaySigning, describeRelaySigning } from "./relay-signing";
import { renderMarkdown } from "./report";
import { benchRuntime } from "./runtime";
import { benchScale } from "./scale";
import { benchSuite } from "./suite";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "..");
const SECTIONS = ["devnet", "push", "relays", "runtime", "flows", "scale", "bundles", "suite", "apps", "reads", "cli-start"] as const;
type Section = (typeof SECTIONS)[number];
const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    quick: { type: "boolean", default: false },
    "skip-suite": { type: "boolean", default: false },
    "skip-apps-build": { type: "boolean", default: false },
    "skip-devnet": { type: "boolean", default: false },
    only: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (flags.help) {
  console.log(
    "usage: pnpm bench [-- --quick] [--skip-suite] [--skip-apps-build] [--skip-devnet] [--only a,b]\n" +
      "  --quick            smaller counts, no test-suite timing\n" +
      "  --skip-suite       no test-suite timing\n" +
      "  --skip-apps-build  no app build (sizes and the site's load time use an existing export, if any)\n" +
      "  --skip-devnet      no devnet (HTTP) section: no HTTP read ratios, no site load time\n" +
      `  --only a,b         only these sections: ${SECTIONS.join(", ")} (devnet includes the HTTP reads, the site's load time and push; push alone: mint/redeem vs Transfer with sync and async push; relays alone: signed relays vs random ids, per relay and per mint; reads alone runs its HTTP pair on a fresh devnet)`,
  );
  process.exit(0);
}
const only = flags.only === undefined ? undefined : new Set(flags.only.split(",").map((x) => x.trim()));
for (const name of only ?? []) if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`--only ${name}: one of ${SECTIONS.join(", ")}`);
const quick = flags.quick;
const runs = (section: Section) => only === undefined || only.has(section);
const log = (line: string) => console.log(`[bench] ${line}`);
/** Section 8 over HTTP (./devnet.ts `httpReads`). */
const READS: ReadSizes = quick ? { reads: 120, dryRuns: 12, rounds: 4, warmUpGets: 1_000 } : { reads: 500, dryRuns: 30, rounds: 10, warmUpGets: 3_000 };

const dir = join(root, "bench-results", new Date().toISOString().replace(/[:.]/g, "-"));
mkdirSync(dir, { recursive: true });
log(`writing to ${dir}`);

// The apps first: the devnet section loads the built site in Chromium.
const appsBuildSkipped = flags["skip-apps-build"];
if ((runs("apps") || runs("devnet")) && !appsBuildSkipped) {
  log("apps: building the static exports (Nx cache)…");
  spawnSync("pnpm", ["exec", "nx", "run-many", "-t", "build", "-p", "site", "admin", "--outputStyle=static"], {
    cwd: root, stdio: "ignore", env: { ...process.env, NX_DAEMON: "false" },
  });
} else if (appsBuildSkipped) log("apps: build skipped (--skip-apps-build): sizes and the site's load time use the existing export, if any");
// The devnet next: it is timed from this process, before the aos module (section 1) takes over its clocks.
let devnet = undefined;
if (runs("devnet") && !flags["skip-devnet"]) {
  log("devnet over HTTP: round trips, Transfer, mint and redeem (SDK and CLI), reads by GET vs dry-run, the site's load, restart with a full log…");
  devnet = await benchDevnet(
    quick
      ? { runs: 3, messages: 50, logMessages: 1_000, reads: READS, siteLoads: 3 }
      : { runs: 10, messages: 300, logMessages: 10_000, reads: READS, siteLoads: 5 },
  );
  log(`    ${devnet.messagesPerSecond} msg/s; transfer ${devnet.transferMs} ms, mint ${devnet.mintRatio}×, redeem ${devnet.redeemRatio}×, CLI mint ${devnet.cliMintRatio}×; restart with ${devnet.logMessages}: ${devnet.restartKilledMs} ms after SIGKILL`);
  log(`    over HTTP: balance GET ${devnet.reads.balance.exposedMs} ms vs dry-run ${devnet.reads.balance.dryRunMs} ms → ${devnet.reads.balance.ratio}×; reserves ${devnet.reads.reserves.ratio}×`);
  const sl = devnet.siteLoad;
  log(
    sl.measured
      ? `    site: load → balances shown, median ${sl.medianMs} ms (${sl.minMs}–${sl.maxMs}, ${sl.runs} loads; page start ${sl.bootMedianMs} ms, balance GETs ${sl.readsMedianMs} ms)`
      : `    site load not measured: ${sl.reason}`,
  );
}
// 7b, part of the devnet section: mint and redeem vs one Transfer with synchronous push, beside asynchronous push.
let pushModes = undefined;
if ((runs("devnet") || runs("push")) && !flags["skip-devnet"]) {
  log("7b push modes: SDK mint and redeem vs one Transfer round trip, synchronous push (default) and asynchronous, each on a fresh devnet…");
  pushModes = await benchPushModes(quick ? 3 : 7);
  for (const line of describePushModes(pushModes)) log(`    ${line}`);
}
// 7c, part of the devnet section: what signing every relay costs, per relay and per mint, against random ids.
let relaySigning = undefined;
if ((runs("devnet") || runs("relays")) && !flags["skip-devnet"]) {
  log("7c relay signing: each relay an ANS-104 item signed with the node's RSA-4096 key vs a random id, per relay and per SDK mint (two fresh devnets taking turns)…");
  relaySigning = await benchRelaySigning(quick ? { rounds: 3, relays: 10, mints: 3 } : { rounds: 7, relays: 20, mints: 7 });
  for (const line of describeRelaySigning(relaySigning)) log(`    ${line}`);
}
// Section 8's HTTP pair, when the devnet section (which measures it after its flows) does not run: also before the aos
// module loads here.
let readsOverHttp = undefined;
if (runs("reads") && devnet === undefined && !flags["skip-devnet"]) {
  log("8 reads over HTTP: a balance and the reserves by GET of exposed state vs by dry-run, on a fresh devnet…");
  readsOverHttp = await benchHttpReads(READS);
  log(`    over HTTP: balance GET ${readsOverHttp.balance.exposedMs} ms (fetch ${readsOverHttp.balance.exposedFetchMs} ms) vs dry-run ${readsOverHttp.balance.dryRunMs} ms → ${readsOverHttp.balance.ratio}×; reserves GET ${readsOverHttp.reserves.exposedMs} ms vs ${readsOverHttp.reserves.dryRunMs} ms → ${readsOverHttp.reserves.ratio}×`);
}
// CLI start-up, also before the aos module takes over the clocks.
let cliStart = undefined;
if (runs("cli-start")) {
  log("9 CLI start-up: `<bin> --help`, built bundle vs TypeScript sources with tsx…");
  cliStart = benchCliStart(root, quick ? 3 : 10);
  log(`    ${cliStart.bins.map((b) => `${b.name} ${b.builtMs} ms (${b.ratio}× faster than from source)`).join(", ")}; bare node ${cliStart.bareNodeMs} ms`);
}
let runtime = undefined;
if (runs("runtime")) {
  log("1 runtime: message round trips and dry-runs, ours vs WAO in-memory…");
  runtime = await benchRuntime(quick ? 300 : 2000, quick ? 10 : 40);
  log(`    ours ${runtime.ours.messagesPerSecond} msg/s, WAO ${runtime.wao.messagesPerSecond} msg/s → ${runtime.messageRatio}×`);
}
let flows = undefined;
if (runs("flows")) {
  log("2 flows: mint and redeem against one plain transfer…");
  flows = await benchFlows(quick ? 10 : 50);
  log(`    mint ${flows.mintCriticalPath} hops ${flows.mintPathRatio}× on its path (${flows.mintRatio}× all), redeem ${flows.redeemCriticalPath} hops ${flows.redeemPathRatio}× (${flows.redeemRatio}× all)`);
}
let scale = undefined;
if (runs("scale")) {
  log("3 scale: Transfer and Balance at 10, 10k, 100k holders…");
  scale = await benchScale(quick ? [10, 10_000] : [10, 10_000, 100_000], quick ? 100 : 300);
  log(`    ${scale.map((s) => `${s.holders}: transfer ${s.transferRatio}×`).join(", ")}`);
}
let bundles = undefined;
if (runs("bundles")) {
  log("4 bundle sizes…");
  bundles = benchBundles();
}
let suite = undefined;
if (runs("suite") && !quick && !flags["skip-suite"]) {
  log("5 test suite: cold, cached, affected (takes minutes)…");
  try {
    suite = benchSuite(root, (line) => log(`    ${line}`));
  } catch (e) {
    // A failing suite is reported, not hidden: the timing section says so and the rest of the report stands.
    log(`    the suite failed, so it is not timed: ${String(e).split("\n")[0]}`);
  }
}
const apps = runs("apps") ? { buildSkipped: appsBuildSkipped, sizes: benchApps(root) } : undefined;
let reads = undefined;
if (runs("reads")) {
  log("8 reads: a balance and the reserves by HTTP GET of exposed state vs by dry-run in memory…");
  reads = await benchReads(quick ? 100 : 500, quick ? 10 : 30);
  log(`    in memory: balance ${reads.balance.ratio}×, reserves ${reads.reserves.ratio}× faster exposed`);
}

const os = await import("node:os");
const report = { at: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg().map((x) => +x.toFixed(2)) }, only: only && [...only], runtime, flows, scale, bundles, suite, apps, devnet, pushModes, relaySigning, reads, readsOverHttp, cliStart };
writeFileSync(join(dir, "report.json"), JSON.stringify(report, null, 2));
const md = renderMarkdown(report);
writeFileSync(join(dir, "report.md"), md);
console.log(md);
log(`report: ${join(dir, "report.md")}`);
process.exit(0);
