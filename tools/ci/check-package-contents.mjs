#!/usr/bin/env node
/**
 * The tarball of the package in the current directory holds what users need and nothing a test left behind:
 * lists it with `npm pack --dry-run --json` (what `pnpm publish` would send) and fails on test files, test reports,
 * fixtures, source maps of tests or the Lua conformance bundle.
 */
import { execFileSync } from "node:child_process";

const ARTEFACT = /(^|\/)(test|tests|__tests__|fixtures|test-results|coverage)\/|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)vitest\.|\.lua$/;
const [report] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
const files = report.files.map((f) => f.path);
const bad = files.filter((f) => ARTEFACT.test(f));
if (bad.length > 0) {
  console.error(`${report.name}: the tarball holds test artefacts:\n  ${bad.join("\n  ")}`);
  process.exit(1);
}
console.log(`${report.name}: ${files.length} files in the tarball (${report.size} bytes), no test artefacts`);
