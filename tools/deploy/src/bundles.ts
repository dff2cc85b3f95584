/** Reading built bundles and their stamp (line 1: name, version and the sha256 of the rest of the file). */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const workspaceRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export interface Bundle {
  path: string;
  lua: string;
  name: string;
  version: string;
  /** The stamped sha256 of the bundle body: what Info reports as Source-Hash. */
  hash: string;
}

const STAMP = /^Tim3Build = \{ name = "([^"]*)", version = "([^"]*)", sourceHash = "([0-9a-f]{64})" \}$/;

export function bundlePath(name: string): string {
  return join(workspaceRoot, "processes", name, "dist", "process.lua");
}

export function parseBundle(lua: string, path: string): Bundle {
  const nl = lua.indexOf("\n");
  const first = nl < 0 ? lua : lua.slice(0, nl);
  const m = STAMP.exec(first);
  if (!m) throw new Error(`${path}: line 1 is not a Tim3Build stamp; build it with tools/lua-build`);
  const body = lua.slice(nl + 1);
  const actual = createHash("sha256").update(body).digest("hex");
  if (actual !== m[3]) throw new Error(`${path}: the stamp says sha256 ${m[3].slice(0, 12)}… but the body hashes to ${actual.slice(0, 12)}…; rebuild it`);
  return { path, lua, name: m[1], version: m[2], hash: m[3] };
}

export function readBundle(path: string): Bundle {
  let lua: string;
  try {
    lua = readFileSync(path, "utf8");
  } catch {
    throw new Error(`${path} is missing: build it first (pnpm nx run-many -t build)`);
  }
  return parseBundle(lua, path);
}

/** A stamped bundle for a new body (what tools/lua-build writes); tests use it to simulate a rebuild. */
export function stampBundle(body: string, name: string, version: string): string {
  const hash = createHash("sha256").update(body).digest("hex");
  return `Tim3Build = { name = ${JSON.stringify(name)}, version = ${JSON.stringify(version)}, sourceHash = "${hash}" }\n${body}`;
}

/** One ordering of versions for the deploy plan and for a process loading a bundle (libs/protocol). */
export { compareVersions } from "@tim3/protocol";
