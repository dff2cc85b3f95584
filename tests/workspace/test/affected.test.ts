/**
 * `nx affected` is only as right as the project graph: a test that runs a process or the devnet without its project
 * naming them keeps a cached pass after the change that breaks it, and CI's `test:affected` skips it. This asks Nx
 * itself (`nx show projects --affected --files=…`, the graph only, no task runs) what a change selects.
 */
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const root = new URL("../../..", import.meta.url).pathname;
const run = promisify(execFile);

async function affectedBy(...files: string[]): Promise<string[]> {
  const { stdout } = await run(join(root, "node_modules/.bin/nx"), ["show", "projects", "--affected", `--files=${files.join(",")}`, "--json"], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: "false", NX_TUI: "false", NX_NO_CLOUD: "true" },
  });
  return (JSON.parse(stdout) as string[]).sort();
}

/**
 * Every project whose tests run a process's Lua bundle, and how: whatever one change to a process's source can break.
 * (The process's own unit tests are in its own project.)
 */
const runsEveryProcess = {
  "flow-tests": "all five processes wired in the aos module",
  "flow-tests-blueprint": "the flow suite against the blueprint-like USDA",
  "fuzz-tests": "invariant fuzzing of the five processes",
  devnet: "the devnet deploys the bundles (its own tests and smoke run)",
  cli: "the CLI's tests run a devnet",
  "sdk-devnet-tests": "the SDK over HTTP against a devnet",
  "deploy-devnet-tests": "deploys the bundles to a devnet",
  "site-e2e": "Playwright against a devnet",
  "admin-e2e": "Playwright against a devnet",
  bench: "`pnpm bench` runs flows and a devnet",
  "workspace-checks": "deps-graph and knip read every source (this project depends on every other)",
};

const processes = readdirSync(join(root, "processes"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const devnetSource = "tools/devnet/src/up.ts";
const processSource = (name: string) => `processes/${name}/src/handlers.ts`;

/** The input files of a task: what its cache key is computed from (`nx show target inputs`). */
async function inputsOf(task: string): Promise<Set<string>> {
  const { stdout } = await run(join(root, "node_modules/.bin/nx"), ["show", "target", "inputs", task, "--json"], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: "false", NX_TUI: "false", NX_NO_CLOUD: "true" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return new Set((JSON.parse(stdout) as { files: string[] }).files);
}

/** Tasks that run the devnet over HTTP, as a program: their cached results must not outlive a process or devnet change. */
const devnetTasks = ["sdk-devnet-tests:test", "deploy-devnet-tests:test", "site-e2e:e2e", "admin-e2e:e2e", "cli:test"];

/** Each query's answer; the Nx calls run three at a time (each is ~1.7 s of one core, mostly the project graph). */
const selections = new Map<string, string[]>();
const inputs = new Map<string, Set<string>>();
beforeAll(async () => {
  const queue: (() => Promise<void>)[] = [
    ...[...processes.map(processSource), devnetSource, "README.md"].map((file) => async () => void selections.set(file, await affectedBy(file))),
    ...devnetTasks.map((task) => async () => void inputs.set(task, await inputsOf(task))),
  ];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await next();
  };
  await Promise.all([worker(), worker(), worker()]);
});

describe("nx affected selects what a change can break", () => {
  it("finds the five processes", () => {
    expect(processes).toEqual(expect.arrayContaining(["mock-usda", "token-manager", "lock-manager", "coordinator", "state-manager"]));
  });

  for (const name of processes) {
    it(`a change to ${processSource(name)} selects ${name} and every project whose tests run it`, async () => {
      const selected = selections.get(processSource(name));
      expect(selected).toEqual(expect.arrayContaining([name, ...Object.keys(runsEveryProcess)].sort()));
    });
  }

  it("a change to the devnet's source selects every test that drives a devnet", async () => {
    const selected = selections.get(devnetSource);
    expect(selected).toEqual(expect.arrayContaining(["devnet", "cli", "sdk-devnet-tests", "deploy-devnet-tests", "site-e2e", "admin-e2e", "bench"]));
  });

  it("a change to the README selects nothing", async () => {
    expect(selections.get("README.md")).toEqual([]);
  });
});

describe("the cache of a test that drives a devnet lasts only while the devnet and the processes do", () => {
  for (const task of devnetTasks) {
    it(`${task} is keyed on every process's sources and the devnet's, not on the README`, () => {
      const files = inputs.get(task)!;
      for (const name of processes) expect(files.has(processSource(name)), `${task} ← ${processSource(name)}`).toBe(true);
      expect(files.has(devnetSource), `${task} ← ${devnetSource}`).toBe(true);
      expect(files.has("README.md")).toBe(false);
    });
  }
});
