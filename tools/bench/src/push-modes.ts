/**
 * 7b. Push modes: SDK mint and redeem (send → completed) as ratios to one Transfer round trip over HTTP, on a devnet
 * whose pushes are synchronous (HyperBEAM dev_push's default, and the devnet's) and on one whose pushes are answered
 * at once (`--push-mode async`), in one run. Goal: ≤ 5× with synchronous push.
 *
 * Like with like: in each run a Transfer, a mint and a redeem take turns, and each figure is the median over runs.
 * Where the time goes, per flow: the push (the SDK's `mint`/`redeem`/`transfer` call: signing, the POST, and with a
 * synchronous node the whole cascade's evaluation before the reply), the wait (Get-Operation GETs until completed)
 * and how many messages the node evaluated for the flow (from its `/~tim3@1.0/stats`, counted after it went quiet),
 * so that push time / evaluations says what one evaluation costs inside the flow.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { up } from "@tim3/devnet";
import { OperationStatus } from "@tim3/protocol";
import { signDataItem, type ArweaveJwk, type Tim3Client } from "@tim3/sdk";
import { median, now } from "./clock";

type PushMode = "sync" | "async";

/** One flow's time, split where it goes (medians over the runs). */
interface FlowSteps {
  /** Send → completed (for the Transfer: the round trip, message + result). */
  totalMs: number;
  /** The SDK call that pushes the message and returns its result. */
  pushMs: number;
  /** Get-Operation reads until the operation is completed (0 for the Transfer). */
  waitMs: number;
  /** Get-Operation reads it took. */
  reads: number;
  /** Messages the node evaluated for the flow (the holder's own included). */
  evaluations: number;
  /** Of those, per process (slots assigned during the flow, from each process's `/slot/current`). */
  perProcess: Record<string, number>;
  /** The node's time on those evaluations: inside the aos module, and committing each result to lmdb (its stats). */
  evaluateMs: number;
  /** From the end of each evaluation to its commit: signing its relays (7c) and the lmdb transaction. */
  commitMs: number;
}

interface PushModeResult {
  mode: PushMode;
  transfer: FlowSteps;
  mint: FlowSteps;
  redeem: FlowSteps;
  mintRatio: number;
  redeemRatio: number;
  runs: number;
  /** Signing one data item as the SDK signs each message it pushes (RSA-4096, arbundles): part of every push. */
  signMs: number;
}

export interface PushModesResult {
  goal: number;
  sync: PushModeResult;
  async: PushModeResult;
}

interface NodeCounters {
  evaluated: number;
  evaluateMs: number;
  commitMs: number;
}

async function counters(nodeUrl: string): Promise<NodeCounters> {
  const s = (await (await fetch(`${nodeUrl}/~tim3@1.0/stats`)).json()) as NodeCounters;
  return { evaluated: s.evaluated, evaluateMs: s.evaluateMs, commitMs: s.commitMs };
}

/** One run of a flow: the same fields as its medians. */
type Sample = FlowSteps;

/** Each process's last assigned slot. */
async function slots(nodeUrl: string, processes: Record<string, string>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [role, pid] of Object.entries(processes)) out[role] = Number(await (await fetch(`${nodeUrl}/${pid}/slot/current`)).text());
  return out;
}

function medians(samples: Sample[]): FlowSteps {
  const m = (f: (s: Sample) => number) => +median(samples.map(f)).toFixed(1);
  const perProcess: Record<string, number> = {};
  for (const role of Object.keys(samples[0]?.perProcess ?? {})) perProcess[role] = m((s) => s.perProcess[role]);
  return { totalMs: m((s) => s.totalMs), pushMs: m((s) => s.pushMs), waitMs: m((s) => s.waitMs), reads: m((s) => s.reads), evaluations: m((s) => s.evaluations), perProcess, evaluateMs: m((s) => s.evaluateMs), commitMs: m((s) => s.commitMs) };
}

export async function flow(
  client: Tim3Client,
  nodeUrl: string,
  processes: Record<string, string>,
  settle: () => Promise<void>,
  kind: "transfer" | "mint" | "redeem",
  other: string,
): Promise<Sample> {
  const quantity = "1000000000000"; // 1 USDA / TIM3 (12 decimals)
  await settle();
  const before = await counters(nodeUrl);
  const slotsBefore = await slots(nodeUrl, processes);
  const t0 = now();
  let reads = 0;
  let t1: number;
  if (kind === "transfer") {
    await client.transfer("usda", other, quantity);
    t1 = now();
  } else {
    const req = kind === "mint" ? await client.mint(quantity) : await client.redeem(quantity);
    t1 = now();
    // As the CLI waits (tools/cli: first read at once, then growing intervals), counting the reads.
    const op = await client.waitForOperation(req.requestId, { holder: req.holder, kind: req.kind, intervalMs: 500, onProgress: () => void reads++ });
    if (op.status !== OperationStatus.Completed) throw new Error(`bench ${kind} ended ${op.status}: ${op.reason ?? ""}`);
  }
  const t2 = now();
  await settle();
  const slotsAfter = await slots(nodeUrl, processes);
  const perProcess: Record<string, number> = {};
  for (const role of Object.keys(processes)) perProcess[role] = slotsAfter[role] - slotsBefore[role];
  const after = await counters(nodeUrl);
  return {
    totalMs: t2 - t0, pushMs: t1 - t0, waitMs: t2 - t1, reads, evaluations: after.evaluated - before.evaluated, perProcess,
    evaluateMs: after.evaluateMs - before.evaluateMs, commitMs: after.commitMs - before.commitMs,
  };
}

async function benchMode(mode: PushMode, runs: number): Promise<PushModeResult> {
  const dataDir = mkdtempSync(join(tmpdir(), `tim3-bench-push-${mode}-`));
  const running = await up({ dataDir, port: 0, log: () => undefined, node: { pushMode: mode } });
  try {
    const { client, urls } = running;
    const processes = { ...running.processes } as Record<string, string>;
    const settle = () => running.devnet.settle();
    const other = randomBytes(32).toString("base64url");
    // Warm-up: one of each, not counted.
    for (const kind of ["transfer", "mint", "redeem"] as const) await flow(client, urls.nodeUrl, processes, settle, kind, other);
    const samples: Record<"transfer" | "mint" | "redeem", Sample[]> = { transfer: [], mint: [], redeem: [] };
    for (let i = 0; i < runs; i++) for (const kind of ["transfer", "mint", "redeem"] as const) samples[kind].push(await flow(client, urls.nodeUrl, processes, settle, kind, other));
    const jwk = JSON.parse(readFileSync(running.wallet.keyFile, "utf8")) as ArweaveJwk;
    const signs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = now();
      await signDataItem(jwk, { target: running.processes.usda, tags: [{ name: "Action", value: "Balance" }], data: "" });
      signs.push(now() - t);
    }
    const transfer = medians(samples.transfer);
    const mint = medians(samples.mint);
    const redeem = medians(samples.redeem);
    return { mode, transfer, mint, redeem, mintRatio: +(mint.totalMs / transfer.totalMs).toFixed(2), redeemRatio: +(redeem.totalMs / transfer.totalMs).toFixed(2), runs, signMs: +median(signs).toFixed(1) };
  } finally {
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Both modes, one after the other, each on a fresh devnet. */
export async function benchPushModes(runs: number): Promise<PushModesResult> {
  const sync = await benchMode("sync", runs);
  const async = await benchMode("async", runs);
  return { goal: 5, sync, async };
}

/** Lines for the console and the report: the ratios, then where each flow's time goes. */
export function describePushModes(r: PushModesResult): string[] {
  const lines: string[] = [];
  for (const m of [r.sync, r.async]) {
    lines.push(
      `${m.mode.padEnd(5)} push: Transfer ${m.transfer.totalMs} ms; mint ${m.mint.totalMs} ms = ${m.mintRatio}×, redeem ${m.redeem.totalMs} ms = ${m.redeemRatio}×` +
        (m.mode === "sync" ? ` (goal ≤ ${r.goal}×: ${m.mintRatio <= r.goal && m.redeemRatio <= r.goal ? "met" : "NOT met"})` : ""),
    );
    for (const [name, s] of [["Transfer", m.transfer], ["mint", m.mint], ["redeem", m.redeem]] as const) {
      const perEval = s.evaluations > 0 ? ` ≈ ${(s.pushMs / s.evaluations).toFixed(1)} ms per evaluation in the push` : "";
      // The node's commitMs runs from the end of an evaluation to its commit, so it holds the signing of its relays (7c).
      const node = `; in the node: aos evaluate ${s.evaluateMs} ms, relays signed + lmdb commit ${s.commitMs} ms, the rest (HTTP, queue) ${Math.max(0, +(s.totalMs - s.evaluateMs - s.commitMs).toFixed(1))} ms`;
      const where = Object.entries(s.perProcess).filter(([, n]) => n > 0).map(([role, n]) => `${role} ${n}`).join(", ");
      lines.push(`        ${name.padEnd(8)} push ${s.pushMs} ms + wait ${s.waitMs} ms (${s.reads} Get-Operation reads); ${s.evaluations} messages evaluated (${where})${m.mode === "sync" ? perEval : ""}${node}`);
    }
    lines.push(`        each push signs one item on the client: ${m.signMs} ms (the node signs each relay too, as a HyperBEAM node does: 7c)`);
  }
  return lines;
}
