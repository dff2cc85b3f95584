#!/usr/bin/env node
// Runs ../dist/tim3-permaweb.mjs, the bundle `nx build permaweb` makes from ../src, in this process; see tools/ci/run-built-cli.mjs.
import { runBuiltCli } from "@tim3/ci/run-built-cli";

await runBuiltCli(new URL("../dist/tim3-permaweb.mjs", import.meta.url), { name: "tim3-permaweb", project: "permaweb" });
