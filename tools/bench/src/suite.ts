/**
 * 5. The README's test command (root package.json's `test`: tools/ci/run-tests.mjs over its targets) through Nx: cold
 * (cache emptied), cached (a second run), and the tests affected by a change to one app (a comment appended to one
 * of its files, restored afterwards).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { now } from "./clock";

export interface SuiteResult {
  coldSeconds: number;
  cachedSeconds: number;
  affectedSeconds: number;
  affectedFile: string;
  affectedProjects: string[];
}

/** Runs a command in the workspace (Nx's daemon off, as CI runs it), timed; throws with its output if it fails. */
function timed(root: string, command: string, args: string[]): { seconds: number; output: string } {
  const start = now();
  const r = spawnSync(command, args, {
    cwd: root, encoding: "utf8", env: { ...process.env, NX_DAEMON: "false" }, maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return { seconds: +((now() - start) / 1000).toFixed(1), output: r.stdout };
}

function nx(root: string, args: string[]): { seconds: number; output: string } {
  return timed(root, "pnpm", ["exec", "nx", ...args, "--outputStyle=static"]);
}

/** The root package.json's `test` script as written (`node tools/ci/run-tests.mjs -t …`), run as it is. */
function testCommand(root: string): { seconds: number; output: string } {
  const script = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.test;
  const [command, ...args] = script.split(" ");
  return timed(root, command === "node" ? process.execPath : command, args);
}

export function benchSuite(root: string, onProgress: (line: string) => void): SuiteResult {
  // Cold: the local cache is emptied (nx reset), so every task runs and stores its result for the cached run.
  onProgress("suite: cold run of the test command (cache emptied)…");
  nx(root, ["reset"]);
  const cold = testCommand(root);
  onProgress(`suite: cold ${cold.seconds}s; cached run…`);
  const cached = testCommand(root);
  const app = ["apps/site/src/app/page.tsx", "apps/admin/src/app/page.tsx"].find((f) => existsSync(join(root, f))) ?? "README.md";
  onProgress(`suite: cached ${cached.seconds}s; affected by a change to ${app}…`);
  // A real change (a comment appended), so the affected projects' tests really re-run; the file is restored after.
  const path = join(root, app);
  const original = readFileSync(path, "utf8");
  let affected: { seconds: number; output: string };
  try {
    writeFileSync(path, original + "\n// bench: a change\n");
    affected = nx(root, ["affected", "-t", "test", `--files=${app}`]);
  } finally {
    writeFileSync(path, original);
  }
  const projects = nx(root, ["show", "projects", "--affected", `--files=${app}`, "--withTarget=test"]).output
    .split("\n").map((s) => s.trim()).filter((s) => s !== "" && !s.startsWith(">"));
  return { coldSeconds: cold.seconds, cachedSeconds: cached.seconds, affectedSeconds: affected.seconds, affectedFile: app, affectedProjects: projects };
}
