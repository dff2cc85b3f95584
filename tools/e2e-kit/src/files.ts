/** Keys, screenshots and the environment a global setup hands to the tests. */
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ArweaveJwk } from "@tim3/sdk/keys";

/** A fresh Arweave key (RSA-4096) written to `dir/name` (mode 600); only the test's Node side ever sees it. */
export function writeTestKey(dir: string, name: string): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 4096, publicExponent: 65537 });
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(privateKey.export({ format: "jwk" })), { mode: 0o600 });
  return file;
}

export const readJwk = (file: string): ArweaveJwk => JSON.parse(readFileSync(file, "utf8")) as ArweaveJwk;

/** `test-results/screenshots` (a named story's: `test-results/<story>/screenshots`) under an e2e project, emptied. */
export function freshScreenshots(e2eRoot: string, story?: string): string {
  const dir = story ? join(e2eRoot, "test-results", story, "screenshots") : join(e2eRoot, "test-results", "screenshots");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** What global setup put in `variable` (JSON), for the tests. */
export function readE2eEnv<T>(variable: string): T {
  const raw = process.env[variable];
  if (!raw) throw new Error(`${variable} is not set: run the tests through playwright (global-setup starts the devnet)`);
  return JSON.parse(raw) as T;
}
