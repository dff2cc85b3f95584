/**
 * The devnet end to end: `up` (units + deploy + dev wallet), units bound to 127.0.0.1 only, and a crash in the middle
 * of a mint: SIGKILL the units, restart them on the same data, and the mint completes or is refunded with nothing
 * lost (TIM3 supply == USDA locked, the holder's USDA + TIM3 unchanged).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OperationStatus, Tags, toBaseUnits } from "@tim3/protocol";
import { createTim3Client, type Tim3Client } from "@tim3/sdk";
import { startDevnet, up, type RunningDevnet, type Devnet } from "../src/index";

const dataDir = mkdtempSync(join(tmpdir(), "tim3-devnet-test-"));
let running: RunningDevnet;
let restarted: Devnet | undefined;

beforeAll(async () => {
  running = await up({ dataDir, port: 0, log: () => undefined });
});

afterAll(async () => {
  await restarted?.stop();
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const units = (s: string) => {
  const r = toBaseUnits(s, 12);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

async function ledger(client: Tim3Client, holder: string) {
  const lm = await client.info("lockManager");
  return {
    usda: BigInt(await client.balance("usda", holder)),
    tim3: BigInt(await client.balance("tim3", holder)),
    supply: BigInt(await client.totalSupply("tim3")),
    locked: BigInt(lm[Tags.Collateral]),
    lmUsda: BigInt(await client.balance("usda", running.processes.lockManager)),
  };
}

describe("devnet", () => {
  it("deploys, funds the dev wallet and listens on 127.0.0.1 only", async () => {
    const c = running.client;
    expect(running.urls.muUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(BigInt(await c.balance("usda", running.wallet.address))).toBeGreaterThanOrEqual(BigInt(units("1000")));
    const sent = await c.faucet(units("1"));
    expect(sent.reply?.tags[Tags.Quantity]).toBe(units("1"));
    // Not reachable through any other local address than 127.0.0.1.
    const { networkInterfaces } = await import("node:os");
    const other = Object.values(networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal);
    if (other) {
      await expect(fetch(`http://${other.address}:${running.devnet.port}/`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    }
  });

  it("survives SIGKILL in the middle of a mint: the operation finishes, nothing is lost", async () => {
    const holder = running.wallet.address;
    const before = await ledger(running.client, holder);
    const requestId = `crash-${Date.now()}`;
    const minting = running.client.mint(units("7"), { requestId }).then(
      () => "returned",
      (e: unknown) => `failed: ${String(e)}`,
    );
    // The cascade (USDA → Lock Manager → Coordinator → Token Manager → State Manager) takes several seconds here.
    await new Promise((r) => setTimeout(r, 2200));
    await running.devnet.kill("SIGKILL");
    const outcome = await minting;
    restarted = await startDevnet({ dataDir, port: 0 });
    const client = createTim3Client({ network: restarted.urls, processes: running.processes, signer: running.client.ao.signer });
    const op = await client.waitForOperation(requestId, { timeoutMs: 30_000, intervalMs: 300 });
    expect([OperationStatus.Completed, OperationStatus.Refunded]).toContain(op.status);
    const after = await ledger(client, holder);
    expect(after.supply).toBe(after.locked);
    expect(after.lmUsda).toBeGreaterThanOrEqual(after.locked);
    expect(after.usda + after.tim3).toBe(before.usda + before.tim3);
    if (op.status === OperationStatus.Completed) expect(after.tim3 - before.tim3).toBe(BigInt(units("7")));
    console.info(`crash test: client saw "${outcome.slice(0, 60)}", recovered ${restarted.recovered} messages, operation ${op.status}`);
  });
});
