#!/usr/bin/env node
// Runs ../dist/devnet.mjs, the bundle `nx build devnet` makes from ../src, in this process; see tools/ci/run-built-cli.mjs.
import { runBuiltCli } from "@tim3/ci/run-built-cli";

await runBuiltCli(new URL("../dist/devnet.mjs", import.meta.url), { name: "tim3-devnet", project: "devnet" });
