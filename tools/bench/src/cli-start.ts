/**
 * 9. CLI start-up: the wall time of `<bin> --help` for every tool's bin, as a user runs it (bin/*.mjs importing the
 * bundle `nx build <tool>` made), against the same entry run from its TypeScript sources with tsx and the
 * "@tim3/source" condition — how the bins started until 2026-12-05, less the parent Node that spawned that tsx child
 * (bare Node's start is measured too, so that cost can be added back). Runs of the two take turns, so machine load
 * falls on both alike; each figure is a median.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { median, now } from "./clock";

/** Each bin and the TypeScript entry its bundle is built from (the tool's `build` script in its package.json). */
const BINS = [
  { name: "tim3", bin: "tools/cli/bin/tim3.mjs", source: "tools/cli/src/main.ts" },
  { name: "tim3-deploy", bin: "tools/deploy/bin/deploy.mjs", source: "tools/deploy/src/main.ts" },
  { name: "tim3-devnet", bin: "tools/devnet/bin/devnet.mjs", source: "tools/devnet/src/cli.ts" },
  { name: "tim3-permaweb", bin: "tools/permaweb/bin/permaweb.mjs", source: "tools/permaweb/src/cli.ts" },
] as const;

interface CliStart {
  name: string;
  /** `node <bin> --help`, median ms. */
  builtMs: number;
  /** `node --conditions=@tim3/source --import tsx <source> --help`, median ms. */
  sourceMs: number;
  /** sourceMs / builtMs */
  ratio: number;
}

export interface CliStartResult {
  runs: number;
  /** `node -e 0`, median ms: the floor any Node CLI pays. */
  bareNodeMs: number;
  bins: CliStart[];
}

function wallMs(root: string, args: string[]): number {
  const start = now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  const ms = now() - start;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr.toString().trim().split("\n")[0]}`);
  return ms;
}

export function benchCliStart(root: string, runs: number): CliStartResult {
  const tsx = pathToFileURL(createRequire(join(root, "package.json")).resolve("tsx")).href;
  const bare: number[] = [];
  const timings = BINS.map(() => ({ built: [] as number[], source: [] as number[] }));
  // One warm-up of each (the OS file cache), then the measured runs, built and source taking turns.
  for (let run = -1; run < runs; run++) {
    const b = wallMs(root, ["-e", "0"]);
    if (run >= 0) bare.push(b);
    BINS.forEach((cli, i) => {
      const built = wallMs(root, [cli.bin, "--help"]);
      const source = wallMs(root, ["--conditions=@tim3/source", "--import", tsx, cli.source, "--help"]);
      if (run < 0) return;
      timings[i].built.push(built);
      timings[i].source.push(source);
    });
  }
  return {
    runs,
    bareNodeMs: Math.round(median(bare)),
    bins: BINS.map((cli, i) => {
      const builtMs = Math.round(median(timings[i].built));
      const sourceMs = Math.round(median(timings[i].source));
      return { name: cli.name, builtMs, sourceMs, ratio: +(sourceMs / Math.max(1, builtMs)).toFixed(1) };
    }),
  };
}
