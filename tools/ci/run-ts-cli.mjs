// Runs a tool's TypeScript entry (src/cli.ts) with tsx and the workspace's "@tim3/source" condition, so the tools
// need no build step. Signals are forwarded once, so Ctrl-C and `kill <pid>` both stop the command cleanly.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

/** @param {URL} entry the .ts file to run, e.g. new URL("../src/cli.ts", import.meta.url) */
export function runTypeScriptCli(entry) {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const child = spawn(
    process.execPath,
    ["--conditions=@tim3/source", "--import", tsx, fileURLToPath(entry), ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
