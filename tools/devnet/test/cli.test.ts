/**
 * The `devnet` command line as the README documents it: `--help` lists every flag, an unknown flag is refused,
 * `up --no-apps` serves no app, `serve` starts the node alone, and `up --reset` starts a new deployment but keeps the
 * dev wallet. Each run is a real child process (bin/devnet.mjs), stopped with SIGTERM.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DeployState } from "@tim3/protocol";

const bin = join(__dirname, "../bin/devnet.mjs");
const dataDir = mkdtempSync(join(tmpdir(), "tim3-devnet-cli-"));
const running = new Set<ChildProcess>();

interface Ready {
  urls: DeployState["urls"];
  processes?: Record<string, string>;
  wallet?: { address: string; keyFile: string };
  apps?: { name: string; url: string }[];
}

/** Starts `devnet <args> --json`, resolves on its ready line; the child is stopped by `stop`. */
function start(args: string[]): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, [bin, ...args, "--json"], { stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  return new Promise((ok, fail) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /TIM3-DEVNET-UP (\{.*\})/.exec(out);
      if (m) ok({ child, ready: JSON.parse(m[1]) as Ready });
    });
    child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
    child.once("exit", (code) => fail(new Error(`devnet exited (${code})\n${out}\n${err}`)));
  });
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const gone = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  child.kill("SIGTERM");
  const code = await gone;
  running.delete(child);
  return code;
}

afterAll(async () => {
  for (const child of running) await stop(child);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("devnet command line", () => {
  it("--help lists every documented flag and exits 0", () => {
    const r = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    for (const flag of ["--port", "--data-dir", "--json", "--verbose", "--no-apps", "--no-build", "--reset", "--help"]) expect(r.stdout).toContain(flag);
  });

  it("refuses an unknown flag with a clear message and exit 1", () => {
    const r = spawnSync(process.execPath, [bin, "up", "--no-such-flag"], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("--no-such-flag");
  });

  it("serve starts the node alone; up --no-apps deploys and serves no app; up --reset deploys anew and keeps the dev wallet", async () => {
    const served = await start(["serve", "--port", "0", "--data-dir", join(dataDir, "serve")]);
    expect((await fetch(`${served.ready.urls.nodeUrl}/~meta@1.0/info/address`)).ok).toBe(true);
    expect(await stop(served.child)).toBe(0);

    const first = await start(["up", "--no-apps", "--no-build", "--port", "0", "--data-dir", dataDir]);
    expect(first.ready.apps).toEqual([]);
    expect(Object.keys(first.ready.processes ?? {}).length).toBe(5);
    expect(await stop(first.child)).toBe(0);

    const again = await start(["up", "--reset", "--no-apps", "--no-build", "--port", "0", "--data-dir", dataDir]);
    expect(again.ready.apps).toEqual([]);
    expect(again.ready.wallet?.address).toBe(first.ready.wallet?.address);
    expect(again.ready.processes?.coordinator).not.toBe(first.ready.processes?.coordinator);
    expect(await stop(again.child)).toBe(0);
  });
});
