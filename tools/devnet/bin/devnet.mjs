#!/usr/bin/env node
// Runs ../src/cli.ts with tsx and the workspace's "@tim3/source" condition (sources, no build needed).
// Signals are forwarded once, so Ctrl-C and `kill <pid>` both stop the command cleanly.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const child = spawn(
  process.execPath,
  ["--conditions=@tim3/source", "--import", tsx, join(here, "..", "src", "cli.ts"), ...process.argv.slice(2)],
  { stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
