/**
 * Builds what `devnet up` needs through Nx (cached, with the task graph's dependencies), so `start` works on a fresh
 * clone with an empty Nx cache. Nx is launched with this Node binary from the workspace's own install: `pnpm` itself
 * need not be on PATH (it is not when the README's `npx -y pnpm@… start` runs us).
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ProcessRoles, Topology } from "@tim3/protocol";
import { workspaceRoot } from "./paths";

/** The process bundles the deploy loads: every process of libs/protocol's topology (its Nx project is its folder). */
const PROCESS_PROJECTS: readonly string[] = ProcessRoles.map((role) => Topology[role].folder);

function nxBin(): string {
  return createRequire(join(workspaceRoot, "package.json")).resolve("nx/bin/nx.js");
}

/** Runs `nx run-many -t <target> -p <projects>`; returns whether it succeeded. Nx's output goes to stderr. */
export function nxRunMany(target: string, projects: readonly string[], log: (line: string) => void): boolean {
  log(`nx: ${target} ${projects.join(" ")}`);
  const r = spawnSync(process.execPath, [nxBin(), "run-many", "-t", target, "-p", ...projects, "--outputStyle=static"], {
    cwd: workspaceRoot,
    stdio: ["ignore", process.stderr, process.stderr],
    env: { ...process.env, NX_DAEMON: "false" },
  });
  return r.status === 0;
}

/** Builds the process bundles; throws if Nx fails. */
export function buildProcesses(log: (line: string) => void): void {
  if (!nxRunMany("build", PROCESS_PROJECTS, log)) throw new Error("building the TIM3 processes failed (see Nx's output above)");
}
