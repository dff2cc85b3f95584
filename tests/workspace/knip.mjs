#!/usr/bin/env node
/**
 * knip over the workspace (config: knip.jsonc at the root). Every finding is printed; the run fails on any finding
 * outside REPORTED_ONLY (a path whose findings are printed without failing the run: none now; @tim3/protocol, the
 * published contract, is held to the same rule, its every export used somewhere in the workspace).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const REPORTED_ONLY = [];
const root = new URL("../..", import.meta.url).pathname;

// Workspace packages resolve (for knip as for Node) to their built dist/ when it exists. knip maps a dist file back to
// its source through the package's tsconfig outDir and rootDir, which only the libraries' tsconfig.lib.json declare:
// without it, whether a library was built would change what knip finds.
const args = ["--no-progress", "--reporter", "json", "--no-exit-code", "--tsConfig", "tsconfig.lib.json"];
const run = spawnSync(join(root, "node_modules/.bin/knip"), args, {
  cwd: root,
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
});
if (run.status !== 0 || !run.stdout.trim()) {
  process.stderr.write(run.stderr);
  console.error(`knip did not run (exit ${run.status})`);
  process.exit(1);
}

/** @type {{ issues: Record<string, unknown>[] }} */
const report = JSON.parse(run.stdout);
const failing = [];
const reported = [];
for (const issue of report.issues) {
  for (const [kind, value] of Object.entries(issue)) {
    if (kind === "file" || !Array.isArray(value) || value.length === 0) continue;
    const names = value.map((v) => (Array.isArray(v) ? v.map((d) => d.name).join(" = ") : (v.name ?? String(v)))).join(", ");
    const line = `${issue.file}: ${kind}: ${names}`;
    (REPORTED_ONLY.some((prefix) => String(issue.file).startsWith(prefix)) ? reported : failing).push(line);
  }
}
if (reported.length > 0) console.log(`Reported, not failing (${REPORTED_ONLY.join(", ")}):\n  ${reported.join("\n  ")}`);
if (failing.length > 0) {
  console.error(`knip: ${failing.length} finding(s):\n  ${failing.join("\n  ")}`);
  process.exit(1);
}
console.log("knip: nothing unused outside the reported-only paths");
