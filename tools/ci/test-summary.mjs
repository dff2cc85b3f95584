#!/usr/bin/env node
/**
 * Adds up every project's vitest JSON report (test-results/vitest.json, written by the test runs or restored by
 * the Nx cache) and prints one closing line: "N passed, N failed, N skipped". Exits non-zero if anything failed.
 * tools/ci/run-tests.mjs calls `summarise` after its Nx run; run alone, this file prints the same.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A project's Nx name: package.json's `nx.name`, else its package name. */
function projectName(dir) {
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest)) return undefined;
  const pkg = JSON.parse(readFileSync(manifest, "utf8"));
  return pkg.nx?.name ?? pkg.name;
}

/**
 * Prints each report's line and the closing line; `extraFailed` counts failed tasks that wrote no report (lint,
 * typecheck). `projects`, when given, limits the count to the reports of those projects (the ones this run's tasks
 * belong to), so a stale report left on disk by an earlier single-file run is not counted. Returns whether everything
 * passed and something ran.
 */
export function summarise(root, extraFailed = 0, projects = undefined) {
  let passed = 0, failed = extraFailed, skipped = 0;
  const rows = [];
  for (const group of ["libs", "processes", "tools", "tests", "apps"]) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (projects !== undefined && !projects.has(projectName(join(dir, name)))) continue;
      // Playwright: test-results/playwright.json, and playwright-<story>.json for a project's further stories.
      const stories = existsSync(join(dir, name, "test-results"))
        ? readdirSync(join(dir, name, "test-results")).filter((f) => /^playwright-[\w-]+\.json$/.test(f)).map((f) => `test-results/${f}`)
        : [];
      for (const file of ["test-results/vitest.json", "test-results/smoke.json", "test-results/playwright.json", ...stories]) {
        const path = join(dir, name, file);
        if (!existsSync(path)) continue;
        const report = JSON.parse(readFileSync(path, "utf8"));
        const p = report.numPassedTests ?? report.stats?.expected ?? 0;
        const f = report.numFailedTests ?? report.stats?.unexpected ?? 0;
        const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) + (report.stats?.skipped ?? 0);
        passed += p; failed += f; skipped += s;
        // A project's further reports are named after their story (smoke.json, playwright-<story>.json).
        const story = /(?:^|\/)(?:playwright-([\w-]+)|(smoke))\.json$/.exec(file);
        const label = `${group}/${name}${story ? ` (${story[1] ?? story[2]})` : ""}`;
        rows.push(`${label.padEnd(38)} ${String(p).padStart(4)} passed ${String(f).padStart(3)} failed`);
      }
    }
  }
  console.log(rows.join("\n"));
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed === 0 && passed > 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(summarise(new URL("../..", import.meta.url).pathname) ? 0 : 1);
}
