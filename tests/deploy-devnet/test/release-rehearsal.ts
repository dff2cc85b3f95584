/**
 * RELEASING.md's path, rehearsed on a copy of the workspace's manifests: a changeset, `changeset version`, the
 * publish dry run of the two published libraries, and the bundle a process's new version builds to. The deploy test
 * then asks the deploy tool's plan for that bundle against its devnet (see deploy.test.ts, "release rehearsal").
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { workspaceRoot } from "@tim3/deploy";

/** The workspace's package folders (pnpm-workspace.yaml's globs are one level deep: libs/*, processes/*, …). */
function packageFolders(): string[] {
  const globs = readFileSync(join(workspaceRoot, "pnpm-workspace.yaml"), "utf8").matchAll(/^\s*-\s*["']?([\w-]+)\/\*["']?\s*$/gm);
  const folders: string[] = [];
  for (const [, group] of globs) {
    if (!existsSync(join(workspaceRoot, group))) continue;
    for (const name of readdirSync(join(workspaceRoot, group))) {
      if (existsSync(join(workspaceRoot, group, name, "package.json"))) folders.push(`${group}/${name}`);
    }
  }
  return folders;
}

/**
 * A copy of what changesets reads and writes (root manifest, workspace file, .changeset/, each package's
 * package.json and CHANGELOG.md), plus the two published libraries whole (without node_modules) for `npm pack`.
 */
export function copyForRelease(into: string): void {
  for (const file of ["package.json", "pnpm-workspace.yaml"]) cpSync(join(workspaceRoot, file), join(into, file));
  cpSync(join(workspaceRoot, ".changeset"), join(into, ".changeset"), { recursive: true });
  for (const folder of packageFolders()) {
    mkdirSync(join(into, folder), { recursive: true });
    for (const file of ["package.json", "CHANGELOG.md"]) {
      if (existsSync(join(workspaceRoot, folder, file))) cpSync(join(workspaceRoot, folder, file), join(into, folder, file));
    }
  }
  for (const lib of ["libs/protocol", "libs/sdk"]) {
    cpSync(join(workspaceRoot, lib), join(into, lib), { recursive: true, filter: (src) => !src.includes("node_modules") });
  }
}

/** `pnpm changeset` as a developer answers it: a changeset file naming packages and bumps. */
export function writeChangeset(root: string, name: string, bumps: Record<string, "patch" | "minor" | "major">, summary: string): void {
  const header = Object.entries(bumps).map(([pkg, bump]) => `"${pkg}": ${bump}`).join("\n");
  writeFileSync(join(root, ".changeset", `${name}.md`), `---\n${header}\n---\n\n${summary}\n`);
}

/** `pnpm release:version` (= changeset version), run by the workspace's own changesets CLI in the copy. */
export function changesetVersion(root: string): { code: number | null; output: string } {
  const bin = join(workspaceRoot, "node_modules", ".bin", "changeset");
  const r = spawnSync(bin, ["version"], { cwd: root, encoding: "utf8", env: { ...process.env, CI: "true" } });
  return { code: r.status, output: `${r.stdout}\n${r.stderr}` };
}

export function versionOf(root: string, folder: string): string {
  return (JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8")) as { version: string }).version;
}

/** What `npm publish --dry-run` would send for a library: name, version and files of the tarball. */
export function packDryRun(root: string, folder: string): { name: string; version: string; files: string[] } {
  const r = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: join(root, folder), encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm pack --dry-run in ${folder} failed: ${r.stderr}`);
  const [pack] = JSON.parse(r.stdout) as { name: string; version: string; files: { path: string }[] }[];
  return { name: pack.name, version: pack.version, files: pack.files.map((f) => f.path) };
}
