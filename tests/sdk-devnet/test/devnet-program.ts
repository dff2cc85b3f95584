/**
 * A devnet for the SDK's tests over HTTP: `tools/devnet/bin/devnet.mjs up` in a child process (the SDK may import only
 * @tim3/protocol, so the devnet is used as a program, as any app would). This project names the devnet and the
 * processes in its implicitDependencies: Nx builds their bundles first and re-runs these tests when either changes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createTim3Client, nodeSigner, type Tim3Client, type Tim3ClientOptions, type Tim3Processes, type TokenForm } from "@tim3/sdk";
import { toBaseUnits, type DeployState } from "@tim3/protocol";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export interface DevnetProgram {
  client: Tim3Client;
  processes: Tim3Processes;
  nodeUrl: string;
  walletAddress: string;
  /** How the USDA publishes, as the deployment recorded it (what apps get in config.json). */
  usdaForm?: TokenForm;
  /** USDA's authorities as the deployment recorded them (config.json's usdaAuthorities). */
  usdaAuthorities?: string[];
  /** A new client as an app creates one on load (config.json's processes, usdaForm and usdaAuthorities): nothing learned yet. */
  freshClient(options?: Pick<Tim3ClientOptions, "fetch">): Tim3Client;
  /** Dry-runs the node served, per process id. */
  dryRuns(): Promise<Record<string, number>>;
  /** State reads (GETs) the node served, per process id. */
  stateReads(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export async function startDevnetProgram(extraArgs: string[] = []): Promise<DevnetProgram> {
  const dataDir = mkdtempSync(join(tmpdir(), "tim3-sdk-test-"));
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, "tools/devnet/bin/devnet.mjs"), "up", "--no-build", "--no-apps", "--port", "0", "--data-dir", dataDir, "--json", ...extraArgs],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const stop = async () => {
    if (child.exitCode === null) {
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await gone;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const info = await new Promise<{ urls: DeployState["urls"]; processes: Tim3Processes; usdaForm?: TokenForm; usdaAuthorities?: string[]; wallet: { address: string; keyFile: string } }>((ok, fail) => {
      let out = "";
      let err = "";
      child.stdout!.on("data", (c: Buffer) => {
        out += c.toString();
        const m = /TIM3-DEVNET-UP (\{.*\})/.exec(out);
        if (m) ok(JSON.parse(m[1]));
      });
      child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
      child.once("exit", (code) => fail(new Error(`devnet exited (${code})\n${out}\n${err}`)));
    });
    const signer = nodeSigner(JSON.parse(readFileSync(info.wallet.keyFile, "utf8")));
    const nodeUrl = info.urls.nodeUrl;
    const freshClient = (options: Pick<Tim3ClientOptions, "fetch"> = {}) =>
      createTim3Client({ network: info.urls, processes: info.processes, signer, usdaForm: info.usdaForm, usdaAuthorities: info.usdaAuthorities, ...options });
    const stats = async () => (await (await fetch(`${nodeUrl}/~tim3@1.0/stats`)).json()) as { dryruns: Record<string, number>; stateReads: Record<string, number> };
    return {
      client: freshClient(),
      processes: info.processes,
      nodeUrl,
      walletAddress: info.wallet.address,
      usdaForm: info.usdaForm,
      usdaAuthorities: info.usdaAuthorities,
      freshClient,
      async dryRuns() {
        return (await stats()).dryruns;
      },
      async stateReads() {
        return (await stats()).stateReads;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Whole units of a 12-decimal token (the devnet's USDA and TIM3) as exact base units: "1.5" → "1500000000000". */
export function units(s: string): string {
  const r = toBaseUnits(s, 12);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
