#!/usr/bin/env node
/**
 * Builds the process in the current folder: typescript-to-lua bundles src/process.ts (with libs/protocol and
 * libs/aos-kit) into dist/process.lua, then stamps the first line with the package version and the sha256 of the
 * rest of the bundle, which the process reports in Info and the deploy tool records.
 * Usage (from a process folder): node ../../tools/lua-build/build-process.mjs [tsconfig.lua.json]
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import * as tstl from "typescript-to-lua";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { help: { type: "boolean", short: "h", default: false } } });
if (values.help || positionals.length > 1) {
  console.log("usage (from a process folder): node ../../tools/lua-build/build-process.mjs [tsconfig.lua.json]");
  process.exit(values.help ? 0 : 2);
}
const config = resolve(positionals[0] ?? "tsconfig.lua.json");
const pkg = JSON.parse(readFileSync(resolve("package.json"), "utf8"));
const result = tstl.transpileProject(config);
const errors = result.diagnostics.filter((d) => d.category === 1);
for (const d of result.diagnostics) {
  const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
  console.error(`${where} ${typeof d.messageText === "string" ? d.messageText : d.messageText.messageText}`);
}
if (errors.length > 0) process.exit(1);

const bundlePath = resolve("dist/process.lua");
const body = readFileSync(bundlePath, "utf8");
const sourceHash = createHash("sha256").update(body).digest("hex");
const stamp = `Tim3Build = { name = ${JSON.stringify(pkg.name)}, version = ${JSON.stringify(pkg.version)}, sourceHash = "${sourceHash}" }\n`;
writeFileSync(bundlePath, stamp + body);
console.log(`${pkg.name}@${pkg.version} → dist/process.lua (${statSync(bundlePath).size} bytes, sha256 ${sourceHash.slice(0, 12)}…)`);
