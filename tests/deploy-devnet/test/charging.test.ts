/**
 * Deploying on a node that charges (a devnet with `--charging 1`, as a HyperBEAM node with dev_p4 and
 * dev_simple_pay: one credit per spawn and per pushed message, 402 without): the plan states what the deployer needs,
 * a deploy the credit cannot pay for is refused before anything is sent (the SDK's Node-Credit code, whom to top up),
 * exactly that credit deploys everything, and a spawn the node refuses says the same instead of aoconnect's generic
 * "Error spawning process".
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientErrorCodes, Tim3Error, createTim3Client, nodeSigner, toTags, type Tim3Processes } from "@tim3/sdk";
import { deploy, generateJwk, localNetwork, manifest } from "@tim3/deploy";
import { startBin } from "./helpers";
import type { DeployState } from "@tim3/protocol";

const dir = mkdtempSync(join(tmpdir(), "tim3-deploy-charging-"));
let units: Awaited<ReturnType<typeof startBin<{ port: number; urls: DeployState["urls"] }>>>;

beforeAll(async () => {
  units = await startBin("tools/devnet/bin/devnet.mjs", ["serve", "--port", "0", "--data-dir", join(dir, "units"), "--json", "--charging", "1"], "TIM3-DEVNET-UP");
});

afterAll(async () => {
  await units?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const credit = async (address: string) => Number(await (await fetch(`${units.info.urls.nodeUrl}/ledger~node-process@1.0/now/balance/${address}`)).text());
const topUp = async (address: string, amount: number) => {
  const r = await fetch(`${units.info.urls.nodeUrl}/~tim3@1.0/topup?address=${address}&amount=${amount}`, { method: "POST" });
  expect(r.status).toBe(200);
};
const processesOnNode = async () => ((await (await fetch(`${units.info.urls.nodeUrl}/~tim3@1.0/stats`)).json()) as { processes: number }).processes;

describe("deploy on a charging node", () => {
  // A fresh deploy: 5 spawns, 5 Evals, a Configure for each of the 4 processes with peers.
  const messages = manifest.order.length * 2 + Object.keys(manifest.wiring).length;

  it("states the credit need, refuses before sending anything when short, and deploys on exactly that credit", async () => {
    const signer = nodeSigner(generateJwk());
    const deployer = await signer.address();
    const stateFile = join(dir, "state.json");
    const network = localNetwork(units.info.urls);
    const lines: string[] = [];
    await deploy({ network, signer, stateFile, dryRun: true, log: (l) => lines.push(l) });
    expect(lines.join("\n")).toContain(`this plan sends ${messages} signed messages (5 spawns, 5 Evals, 4 Configures) at 1 each: it needs ${messages} credit; ${deployer} has 0 — ${messages} short`);

    await topUp(deployer, messages - 1);
    const refused = await deploy({ network, signer, stateFile, log: () => undefined }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(Tim3Error);
    expect((refused as Tim3Error).code).toBe(ClientErrorCodes.NodeCredit);
    expect((refused as Tim3Error).payment).toMatchObject({ address: deployer, nodeUrl: units.info.urls.nodeUrl, balance: String(messages - 1) });
    expect((refused as Tim3Error).message).toContain(`needs ${messages} credit`);
    expect((refused as Tim3Error).message).toContain(`Top up ${deployer} with at least 1`);
    // Nothing was sent: no process spawned, no credit spent, no state recorded.
    expect(await processesOnNode()).toBe(0);
    expect(await credit(deployer)).toBe(messages - 1);
    expect(existsSync(stateFile)).toBe(false);

    await topUp(deployer, 1);
    const done = await deploy({ network, signer, stateFile, log: () => undefined });
    expect(done.changes.filter((c) => c.startsWith("spawned"))).toHaveLength(5);
    // The need was exact: every credit spent, none missing.
    expect(await credit(deployer)).toBe(0);
  });

  it("a spawn the node refuses for credit is the SDK's Node-Credit error, naming the address to top up", async () => {
    const signer = nodeSigner(generateJwk());
    const deployer = await signer.address();
    const placeholder: Tim3Processes = { usda: "", tokenManager: "", lockManager: "", coordinator: "", stateManager: "" };
    const client = createTim3Client({ network: units.info.urls, processes: placeholder, signer });
    const network = localNetwork(units.info.urls);
    const refused = await client.ao.spawn({ module: network.module, authority: network.authority, tags: toTags({ Name: "tim3-credit-probe" }) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(Tim3Error);
    expect((refused as Tim3Error).code).toBe(ClientErrorCodes.NodeCredit);
    expect((refused as Tim3Error).payment).toMatchObject({ address: deployer, price: "1", balance: "0" });
    expect((refused as Tim3Error).message).toContain(`Top up ${deployer}`);
  });
});
