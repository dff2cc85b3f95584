#!/usr/bin/env node
// Runs ../dist/tim3-deploy.mjs, the bundle `nx build deploy` makes from ../src, in this process; see tools/ci/run-built-cli.mjs.
import { runBuiltCli } from "@tim3/ci/run-built-cli";

await runBuiltCli(new URL("../dist/tim3-deploy.mjs", import.meta.url), { name: "tim3-deploy", project: "deploy" });
