#!/usr/bin/env node
/**
 * Writes the console's runtime config from the deploy state file (`--help`): the network, the process ids and the
 * deployment record the Processes page compares with what each process reports (drift).
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeConfigCli } from "@tim3/web/node";

process.exitCode = writeConfigCli({ appDir: resolve(dirname(fileURLToPath(import.meta.url)), ".."), kind: "console" });
