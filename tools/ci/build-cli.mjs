#!/usr/bin/env node
// A tool's Nx `build`: bundles its TypeScript entries into dist/*.mjs with esbuild, so its bin runs in one Node
// process that compiles nothing (tools/ci/run-built-cli.mjs). The workspace packages (@tim3/*) are bundled from their
// sources (the "@tim3/source" condition, as in tests), and so are their npm dependencies: loading one file is 3–5×
// faster than resolving and loading the few hundred modules of aoconnect and arbundles (measured for `tim3 --help`:
// 0.3 s against 0.7–1.5 s with npm packages external; see tools/bench `--only cli-start`).
//
// Bundling npm code is safe only for code that does not find files next to itself. So:
// - packages named with --external (native add-ons: lmdb) stay external, and must resolve from the tool's own folder,
//   as Node will resolve them from dist/ at run time: the build fails if one does not;
// - the build fails if bundled npm code reads __dirname/__filename (a file next to its source, which the bundle does
//   not have), except the packages in OPTIONAL_NATIVE: they look for an optional native add-on there and fall back
//   to their pure-JS implementation when it is not found (keccak/index.js, secp256k1/index.js: try/catch on require).
//
// Each entry becomes one file dist/<name>.mjs, with no shared chunks: dist/ is as deep in the workspace as src/, so code
// that finds the workspace or a sibling from import.meta.url (paths.ts, libs/testing's tim3.ts: "../../..") finds the
// same place from the bundle.
//
// usage (from the tool's folder): node ../ci/build-cli.mjs [--external PKG …] src/cli.ts=tim3 [src/x.ts=name …]
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const OPTIONAL_NATIVE = ["keccak", "secp256k1"];

const toolDir = process.cwd();
const args = process.argv.slice(2);
const external = [];
const entryPoints = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--external") {
    external.push(args[++i]);
    continue;
  }
  const [input, out] = args[i].split("=");
  if (!input || !out) throw new Error(`expected src/file.ts=name, got ${args[i]}`);
  entryPoints.push({ in: input, out });
}
if (entryPoints.length === 0) throw new Error("usage: build-cli.mjs [--external PKG …] src/cli.ts=name …");

const CHECKED = Symbol.for("tim3.build-cli.checked");
const packageName = (path) => path.split("/").slice(0, path.startsWith("@") ? 2 : 1).join("/");

/** @type {import("esbuild").Plugin} */
const declaredExternals = {
  name: "declared-externals",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (a) => {
      if (a.pluginData === CHECKED || !external.includes(packageName(a.path))) return undefined;
      const fromTool = await b.resolve(a.path, { kind: a.kind, resolveDir: toolDir, pluginData: CHECKED });
      if (fromTool.errors.length > 0) {
        return { errors: [{ text: `${a.path} (imported by ${a.importer}) is external but does not resolve from ${toolDir}: add it to the tool's dependencies` }] };
      }
      return { path: a.path, external: true };
    });
  },
};

const outdir = resolve(toolDir, "dist");
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: toolDir,
  entryPoints,
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  conditions: ["@tim3/source"],
  plugins: [declaredExternals],
  // CommonJS packages inside an ES module bundle still call require() (for Node's built-ins, mostly).
  banner: { js: 'import { createRequire as __tim3CreateRequire } from "node:module"; const require = __tim3CreateRequire(import.meta.url);' },
  logLevel: "warning",
});

// esbuild heads each bundled module with a `// <path>` comment: find the npm packages whose code reads __dirname.
const problems = [];
for (const file of readdirSync(outdir, { recursive: true })) {
  if (!String(file).endsWith(".mjs")) continue;
  let source = "";
  for (const line of readFileSync(join(outdir, String(file)), "utf8").split("\n")) {
    const head = /^\/\/ (\S+)$/.exec(line);
    if (head) source = head[1];
    else if (/\b__(dirname|filename)\b/.test(line)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(source)?.[1];
      if (!OPTIONAL_NATIVE.includes(pkg)) problems.push(`${file}: ${source || "?"} reads __dirname/__filename`);
    }
  }
}
if (problems.length > 0) {
  console.error(`build-cli: bundled code looks for files next to its source, which the bundle does not have:\n  ${problems.join("\n  ")}\n` +
    "Mark its package --external (and a dependency of the tool) or, if it only falls back, add it to OPTIONAL_NATIVE.");
  process.exit(1);
}
