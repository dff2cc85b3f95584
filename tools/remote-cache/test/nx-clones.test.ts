import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningRemoteCache } from "../src/config.js";
import { readToken, startCache, tempDirectory, writeToken } from "./helpers.js";

/*
 * Two clones of a tiny Nx workspace, each with an empty local cache, run this repo's own nx (23.2.1) against the
 * server: the CI-like clone holds the write token and fills the remote cache, the laptop-like clone holds a read
 * token and gets every task from it. Each build appends its project to ran.log (outside the outputs), so a task that
 * ran leaves a line there and a task restored from the cache does not.
 */
const nxPackage = dirname(createRequire(import.meta.url).resolve("nx/package.json"));
const nxBin = join(nxPackage, "dist", "bin", "nx.js");
const projects = ["alpha", "beta"];

function createOrigin(root: string): string {
  const origin = join(root, "origin");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "fixture", private: true }),
    "nx.json": JSON.stringify({
      neverConnectToCloud: true,
      targetDefaults: { build: { cache: true, inputs: ["{projectRoot}/src/**/*"], outputs: ["{projectRoot}/dist"] } },
    }),
    ".gitignore": "node_modules\n.nx\ndist\nran.log\n",
    "build.mjs": [
      'import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";',
      "const project = process.argv[2];",
      'appendFileSync("ran.log", `${project}\\n`);',
      "mkdirSync(`libs/${project}/dist`, { recursive: true });",
      'writeFileSync(`libs/${project}/dist/out.txt`, readFileSync(`libs/${project}/src/in.txt`, "utf8").toUpperCase());',
      "console.log(`built ${project}`);",
    ].join("\n"),
  };
  for (const project of projects) {
    files[`libs/${project}/src/in.txt`] = `hello ${project}\n`;
    files[`libs/${project}/project.json`] = JSON.stringify({ name: project, targets: { build: { command: `node build.mjs ${project}` } } });
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(origin, path)), { recursive: true });
    writeFileSync(join(origin, path), text);
  }
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=fixture", "-c", "user.email=fixture@example.invalid", ...args], { cwd: origin, stdio: "ignore" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "fixture");
  return origin;
}

function clone(origin: string, name: string): string {
  const target = join(dirname(origin), name);
  execFileSync("git", ["clone", "-q", origin, target], { stdio: "ignore" });
  mkdirSync(join(target, "node_modules"));
  symlinkSync(nxPackage, join(target, "node_modules", "nx"), "dir");
  return target;
}

/**
 * Runs `nx run-many -t build` in a clone as a developer's shell on its own machine would: none of this test run's
 * NX_* variables, and a HOME of its own, because Nx 23 keeps a checkout's local cache under ~/.nx/<workspace id>,
 * shared by every clone of one git repository on a machine (nx/src/utils/cache-directory.ts `establishUserRoot`).
 * Asynchronously: the server answers from this same process.
 */
async function runNx(workspace: string, cacheUrl: string, token: string | undefined): Promise<{ status: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith("NX_") && name !== "NODE_OPTIONS") env[name] = value;
  const home = `${workspace}-home`;
  mkdirSync(home, { recursive: true });
  Object.assign(env, { HOME: home, NX_DAEMON: "false", NX_NO_CLOUD: "true", NX_TUI: "false", NX_SELF_HOSTED_REMOTE_CACHE_SERVER: cacheUrl });
  if (token) env.NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN = token;
  const child = spawn(process.execPath, [nxBin, "run-many", "-t", "build", "--outputStyle=static"], { cwd: workspace, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const [status] = (await once(child, "close")) as [number | null];
  return { status, output: stripVTControlCharacters(output) }; // colours come on when the parent forces them (nx does)
}

const ran = (workspace: string) => (existsSync(join(workspace, "ran.log")) ? readFileSync(join(workspace, "ran.log"), "utf8").trim().split("\n").sort() : []);
const output = (workspace: string, project: string) => readFileSync(join(workspace, "libs", project, "dist", "out.txt"), "utf8");

describe("two clones of an Nx workspace sharing the remote cache", () => {
  let root: string;
  let cacheDirectory: string;
  let cache: RunningRemoteCache;
  let origin: string;
  const entries = () => readdirSync(cacheDirectory).filter((name) => !name.startsWith(".")).sort();

  beforeAll(async () => {
    root = tempDirectory("clones");
    cacheDirectory = join(root, "remote-cache");
    cache = await startCache({ kind: "directory", directory: cacheDirectory }, { maxEntryBytes: 10 * 1024 * 1024 });
    origin = createOrigin(root);
  });
  afterAll(async () => {
    await cache?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("CI fills the cache with its write token; a laptop with a read token gets every task from it and cannot write", async () => {
    const ci = clone(origin, "ci");
    const ciRun = await runNx(ci, cache.url, writeToken);
    expect(ciRun.status, ciRun.output).toBe(0);
    expect(ran(ci)).toEqual(projects);
    expect(entries()).toHaveLength(2);

    const laptop = clone(origin, "laptop");
    const laptopRun = await runNx(laptop, cache.url, readToken);
    expect(laptopRun.status, laptopRun.output).toBe(0);
    for (const project of projects) {
      expect(laptopRun.output).toContain(`nx run ${project}:build  [remote cache]`);
      expect(output(laptop, project)).toBe(`HELLO ${project.toUpperCase()}\n`);
    }
    expect(ran(laptop)).toEqual([]); // nothing ran: both outputs came from the remote cache

    // A local change builds locally; its upload is refused (403, which Nx takes as "not stored") and the run passes.
    writeFileSync(join(laptop, "libs", "alpha", "src", "in.txt"), "changed on a laptop\n");
    const changedRun = await runNx(laptop, cache.url, readToken);
    expect(changedRun.status, changedRun.output).toBe(0);
    expect(ran(laptop)).toEqual(["alpha"]);
    expect(output(laptop, "alpha")).toBe("CHANGED ON A LAPTOP\n");
    expect(entries()).toHaveLength(2);
  });

  it("a clone with an unknown token is stopped with the server's message", async () => {
    const stranger = clone(origin, "stranger");
    const run = await runNx(stranger, cache.url, "a-token-this-cache-never-issued");
    expect(run.status).not.toBe(0);
    expect(run.output).toContain("Missing or invalid access token: set NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN");
    expect(ran(stranger)).toEqual([]);
  });
});
