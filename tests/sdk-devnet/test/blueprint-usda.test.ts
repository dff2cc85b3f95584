/**
 * The SDK against a devnet whose USDA behaves like the aos token blueprint (the blueprint-like double, used as an
 * external token, as the real USDA is on mainnet): it publishes balances as a HyperBEAM trie at the top of its state
 * (`/now/balances/<address>`), not under TIM3's `cache/balance-<hex>`; the SDK must read them there.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OperationStatus } from "@tim3/protocol";
import type { Tim3Client, Tim3Processes } from "@tim3/sdk";
import { startDevnetProgram, units, type DevnetProgram } from "./devnet-program";

let devnet: DevnetProgram;
let client: Tim3Client;
let processes: Tim3Processes;

beforeAll(async () => {
  devnet = await startDevnetProgram(["--usda", "blueprint"]);
  ({ client, processes } = devnet);
});

afterAll(async () => {
  await devnet?.stop();
});

describe("Tim3 client on a devnet with the blueprint-like USDA", () => {
  it("reads the USDA balance the token published in its balances trie (over HTTP), and its token-info", async () => {
    // The devnet's `up` minted the dev wallet 1000 USDA on the blueprint-like token.
    expect(await client.balance("usda")).toBe(units("1000"));
    expect(await client.denomination("usda")).toBe(12);
    // An account the token never credited holds nothing (404 at both places a balance may be published).
    expect(await client.balance("usda", processes.coordinator.replace(/^./, "Z"))).toBe("0");
  });

  it("reads a connected wallet's USDA balance in one round trip on a new client (the deployment recorded the blueprint form)", async () => {
    expect(devnet.usdaForm).toBe("blueprint");
    const fresh = devnet.freshClient();
    const before = (await devnet.stateReads())[processes.usda] ?? 0;
    expect(await fresh.balance("usda")).toBe(units("1000"));
    expect(((await devnet.stateReads())[processes.usda] ?? 0) - before).toBe(1);
    // An account it never credited: one 404 at the blueprint's path, "0".
    expect(await devnet.freshClient().balance("usda", processes.coordinator.replace(/^./, "Z"))).toBe("0");
    expect(((await devnet.stateReads())[processes.usda] ?? 0) - before).toBe(2);
  });

  it("follows the balance through a mint (the token patches the accounts each Transfer changed)", async () => {
    const req = await client.mint(units("10"));
    const op = await client.waitForOperation(req.requestId, { timeoutMs: 60_000 });
    expect(op.status).toBe(OperationStatus.Completed);
    expect(await client.balance("usda")).toBe(units("990"));
    expect(await client.balance("usda", processes.lockManager)).toBe(units("10"));
    expect(await client.balance("tim3")).toBe(units("10"));
  });

  it("never dry-ran a process, the USDA included", async () => {
    const dryruns = await devnet.dryRuns();
    const dryRun = Object.fromEntries(Object.entries(processes).map(([role, pid]) => [role, dryruns[pid] ?? 0]));
    expect(dryRun).toEqual({ usda: 0, tokenManager: 0, lockManager: 0, coordinator: 0, stateManager: 0 });
  });
});
