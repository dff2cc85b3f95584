#!/usr/bin/env node
/** Compiles the test fixtures (processes on this wiring) to one Lua bundle each: dist/fixtures/<name>.lua. */
import { resolve } from "node:path";
import * as tstl from "typescript-to-lua";

for (const name of ["upgrade-v1", "upgrade-v2"]) {
  const result = tstl.transpileProject(resolve("tsconfig.fixtures.json"), {
    outDir: resolve("dist/fixtures"),
    luaBundle: `${name}.lua`,
    luaBundleEntry: resolve(`test/fixtures/${name}.ts`),
  });
  const errors = result.diagnostics.filter((d) => d.category === 1);
  for (const d of errors) console.error(d.file?.fileName ?? "", typeof d.messageText === "string" ? d.messageText : d.messageText.messageText);
  if (errors.length > 0) process.exit(1);
}
