/** Runs a workspace bin (node tools/<x>/bin/<y>.mjs) as a child process. */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { workspaceRoot } from "@tim3/deploy";

export function runBin(bin: string, args: string[], timeoutMs = 120_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(workspaceRoot, bin), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const t = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`${bin} ${args.join(" ")} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(t);
      ok({ code, stdout, stderr });
    });
  });
}

/** Starts a long-running bin and resolves with the JSON on its `marker` line. */
export function startBin<T>(bin: string, args: string[], marker: string, timeoutMs = 120_000): Promise<{ child: ChildProcess; info: T; stop(): Promise<void> }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(workspaceRoot, bin), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    };
    const t = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`${bin} did not print ${marker} in time\n${out}\n${err}`));
    }, timeoutMs);
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = new RegExp(`${marker} (\\{.*\\})`).exec(out);
      if (m) {
        clearTimeout(t);
        ok({ child, info: JSON.parse(m[1]) as T, stop });
      }
    });
    child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
    child.once("exit", (code) => {
      clearTimeout(t);
      fail(new Error(`${bin} exited (${code}) before ${marker}\n${out}\n${err}`));
    });
  });
}
