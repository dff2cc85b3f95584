#!/usr/bin/env node
/**
 * The README's test command: `nx run-many` (or `nx affected` with --affected) over the given targets, then the ten
 * slowest tasks of this run (so the next slow-down is seen the day it lands) and the closing summary line.
 *
 *   node tools/ci/run-tests.mjs [--affected] -t typecheck lint test …
 *
 * Task timings come from Nx's own task profile (NX_PROFILE, written by nx's TaskProfilingLifeCycle): a task restored
 * from the cache shows as such, so a warm run's table shows what still ran.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { summarise } from "./test-summary.mjs";

const root = new URL("../..", import.meta.url).pathname;
const args = process.argv.slice(2);
const affected = args[0] === "--affected";
const nxArgs = [affected ? "affected" : "run-many", ...args.slice(affected ? 1 : 0), "--outputStyle=static"];
const profileDir = join(root, "tmp");
mkdirSync(profileDir, { recursive: true });
// NX_PROFILE is resolved against nx's working directory: the workspace root.
const profile = join("tmp", "nx-task-profile.json");
rmSync(join(root, profile), { force: true });

const started = Date.now();
const nx = spawnSync(join(root, "node_modules/.bin/nx"), nxArgs, {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NX_PROFILE: profile },
});
const wallSeconds = (Date.now() - started) / 1000;

/** @type {{ name: string, dur: number, args?: { status?: string } }[]} */
const tasks = existsSync(join(root, profile))
  ? JSON.parse(readFileSync(join(root, profile), "utf8")).filter((e) => e.ph === "X")
  : [];
const failedTasks = tasks.filter((t) => t.args?.status === "failure").map((t) => t.name);
if (tasks.length > 0) {
  const slowest = [...tasks].sort((a, b) => b.dur - a.dur).slice(0, 10);
  const ran = tasks.filter((t) => !String(t.args?.status).includes("cache")).length;
  console.log(`\nThe ten slowest of ${tasks.length} tasks (${ran} ran, ${tasks.length - ran} from the cache; ${wallSeconds.toFixed(0)} s in all):`);
  for (const t of slowest) {
    console.log(`  ${(t.dur / 1e6).toFixed(1).padStart(7)} s  ${t.name.padEnd(44)} ${t.args?.status ?? ""}`);
  }
  console.log("");
}
if (failedTasks.length > 0) console.log(`Failed tasks: ${failedTasks.join(", ")}\n`);

// A failed task with no test report of its own (a lint or typecheck error) counts as one failure in the closing line.
const reportTargets = new Set(["test", "e2e", "smoke"]);
const failedWithoutReport = failedTasks.filter((id) => !reportTargets.has(id.split(":")[1] ?? "")).length;
// Only the reports of the projects whose test tasks this run ran or restored: a stale report on disk does not count.
const testedProjects = new Set(tasks.filter((t) => reportTargets.has(t.name.split(":")[1] ?? "")).map((t) => t.name.split(":")[0]));
const summaryOk = summarise(root, failedWithoutReport, tasks.length > 0 ? testedProjects : undefined);
process.exit(nx.status !== 0 || !summaryOk ? 1 : 0);
