/**
 * The tim3 CLI as a user runs it (a child process per command) against a devnet started with `up` in this process.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureJwk, workspaceRoot } from "@tim3/deploy";
import { jwkAddress } from "@tim3/sdk";
import { up, type RunningDevnet } from "@tim3/devnet";
import { parseArgs, scopeArg } from "../src/index";

const dataDir = mkdtempSync(join(tmpdir(), "tim3-cli-test-"));
let running: RunningDevnet;

function tim3(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [join(workspaceRoot, "tools/cli/bin/tim3.mjs"), ...args, "--data-dir", dataDir], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => ok({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  // A node that charges, as HyperBEAM nodes with dev_p4 do: the dev wallet has credit (up tops it up), a new one not.
  running = await up({ dataDir, port: 0, log: () => undefined, node: { chargingPrice: 1 } });
});

afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("argument parsing", () => {
  it("parses flags with and without values", () => {
    expect(parseArgs(["pause", "mint", "--reason", "x y", "--json"])).toEqual({ positional: ["pause", "mint"], flags: { reason: "x y", json: true } });
    expect(parseArgs(["limits", "mint", "--max=5"]).flags.max).toBe("5");
    expect(scopeArg("mint")).toBe("Mint");
    expect(() => scopeArg("everything")).toThrow(/scope must be/);
  });
});

describe("tim3 on a devnet", () => {
  it("faucet, mint 10, redeem 5 and transfer 1.5 in human units", async () => {
    expect((await tim3("faucet", "2.25")).stdout).toContain("received 2.25 USDA");
    const m = await tim3("mint", "10");
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toContain("mint completed: 10 TIM3 minted");
    expect(m.stderr).toMatch(/waiting for the operation/);
    expect(m.stderr).toMatch(/… completed \(/);
    const r = await tim3("redeem", "5");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("redeem completed: 5 USDA released");
    const to = running.processes.usda.replace(/^./, "Q");
    const t = await tim3("transfer", to, "1.5");
    expect(t.code, t.stderr).toBe(0);
    const json = JSON.parse((await tim3("balance", "--json")).stdout);
    expect(json).toMatchObject({ account: running.wallet.address, usda: "997.25", tim3: "3.5" });
    const bad = await tim3("transfer", to, "1.0000000000001");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("more than 12 decimal places");
  });

  it("pause mint refunds a mint; resume; limits", async () => {
    const p = await tim3("pause", "mint", "--reason", "cli test");
    expect(p.stdout).toContain("mint paused");
    const m = await tim3("mint", "1");
    expect(m.code).toBe(2);
    expect(m.stdout).toContain("mint refunded: Minting is paused: cli test");
    expect((await tim3("resume", "mint")).stdout).toContain("mint open");
    const l = await tim3("limits", "redeem", "--max", "25.5");
    expect(l.code, l.stderr).toBe(0);
    expect(l.stdout).toMatch(/redeem +min 0\.000000000001 · max 25\.5/);
    const s = await tim3("status");
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain(running.processes.coordinator);
    expect(s.stdout).toMatch(/circuit +mint open · redeem open/);
    expect(s.stdout).toContain(`wallet    ${running.wallet.address}: 997.25 USDA · 3.5 TIM3`);
    expect(s.stdout).toMatch(/TIM3 supply 5 · USDA locked 5 · ratio 100\.00%/);
  });
});

describe("returns kept as owed", () => {
  it("the fourth USDA sent to the Token Manager within the hour is kept: tim3 owed shows it, tim3 claim gets it back", async () => {
    expect((await tim3("owed")).stdout.trim()).toBe("nothing owed");
    // Each is returned at once, up to 3 per hour (libs/protocol ReturnLimits); the fourth is kept.
    for (let i = 0; i < 4; i++) {
      const t = await tim3("transfer", running.processes.tokenManager, "1", "--token", "usda");
      expect(t.code, t.stderr).toBe(0);
    }
    const o = await tim3("owed");
    expect(o.code, o.stderr).toBe(0);
    expect(o.stdout).toMatch(/^tokenManager +1 USDA$/m);
    const c = await tim3("claim");
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/^tokenManager: paid 1 USDA \(/m);
    expect((await tim3("owed")).stdout.trim()).toBe("nothing owed");
    expect((await tim3("claim")).stdout.trim()).toBe("nothing owed");
    expect(JSON.parse((await tim3("balance", "--json")).stdout)).toMatchObject({ usda: "997.25" });
  });
});

describe("a charging node", () => {
  it("a wallet without credit is told its address, the node's ledger and how to top up; exit 1, nothing sent", async () => {
    const walletFile = join(dataDir, "no-credit-wallet.json");
    const { jwk } = ensureJwk(walletFile);
    const address = await jwkAddress(jwk);
    const r = await tim3("faucet", "1", "--wallet", walletFile);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${address} has no credit`);
    expect(r.stderr).toContain(`top up:      ${address} at ${running.urls.nodeUrl}`);
    expect(r.stderr).toContain("aos --topup");
    expect(r.stderr).toContain(`credit now:  ${running.urls.nodeUrl}/ledger~node-process@1.0/now/balance/${address}`);
  });
});

describe("command line", () => {
  it("--help prints the usage and exits 0; an unknown flag is refused", () => {
    const bin = join(__dirname, "../bin/tim3.mjs");
    const help = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("usage:");
    const bad = spawnSync(process.execPath, [bin, "status", "--no-such-flag"], { encoding: "utf8" });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("--no-such-flag");
  });
});
