#!/usr/bin/env node
// Runs ../src/cli.ts from its TypeScript sources (no build needed); see tools/ci/run-ts-cli.mjs.
import { runTypeScriptCli } from "../../ci/run-ts-cli.mjs";

runTypeScriptCli(new URL("../src/cli.ts", import.meta.url));
