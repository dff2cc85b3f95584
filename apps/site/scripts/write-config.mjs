#!/usr/bin/env node
/** Writes the site's runtime network config from the deploy state file (`--help`), so one static build serves any network. */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeConfigCli } from "@tim3/web/node";

process.exitCode = writeConfigCli({ appDir: resolve(dirname(fileURLToPath(import.meta.url)), ".."), kind: "site" });
