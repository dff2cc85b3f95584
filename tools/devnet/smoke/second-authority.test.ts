/**
 * A USDA relayed under a second authority, as the real (pre-mainnet) USDA's messages may reach TIM3 under the legacy
 * relay's key: `up --second-authority` spawns mock-usda with Variant ao.TN.1, the node relays what it sends under its
 * second key, and the deploy reads USDA's spawn tags from the devnet's gateway route and spawns TIM3's processes
 * trusting both authorities (tools/deploy `authoritiesWithUsda`, the mainnet plan's path). A mint and a redeem then
 * complete through the SDK over HTTP; a process spawned trusting only the node drops USDA's Credit-Notice, as aos
 * does (permaweb/aos process/process.lua `handle`: `msg.From ~= msg.Owner and not ao.isTrusted(msg)`).
 * USDA is mock-usda here; `TIM3_USDA=blueprint` runs the same file against the blueprint-like USDA.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_MODULE } from "@tim3/deploy";
import { OperationStatus, Tags, toBaseUnits } from "@tim3/protocol";
import { toTags } from "@tim3/sdk";
import { up, workspaceRoot, type RunningDevnet } from "../src/index";

const dataDir = mkdtempSync(join(tmpdir(), "tim3-devnet-second-authority-"));
let running: RunningDevnet;

const units = (s: string) => {
  const r = toBaseUnits(s, 12);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

/** A process that counts USDA's Credit-Notices and publishes the count and the last one's Owner (patch@1.0). */
const probeLua = (usda: string) => `
Credits = Credits or 0
Handlers.add("count-usda-credit", function(msg) return msg.Action == "Credit-Notice" and msg.From == "${usda}" end, function(msg)
  Credits = Credits + 1
  Send({ device = "patch@1.0", cache = { credits = tostring(Credits), ["credit-owner"] = msg.Owner } })
end)
Send({ device = "patch@1.0", cache = { credits = tostring(Credits) } })
`;

async function credits(pid: string): Promise<{ count: string; owner?: string }> {
  const read = async (key: string) => {
    const r = await fetch(`${running.urls.nodeUrl}/${pid}~process@1.0/now/cache/${key}/serialize~json@1.0`);
    return r.status === 404 ? undefined : (JSON.parse(await r.text()) as string);
  };
  return { count: (await read("credits")) ?? "(none)", owner: await read("credit-owner") };
}

beforeAll(async () => {
  running = await up({ dataDir, port: 0, log: () => undefined, secondAuthority: true });
});

afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a USDA relayed under a second authority", () => {
  it("deploys TIM3 trusting both authorities, read from USDA's spawn tags", () => {
    const legacyRelay = running.devnet.legacyRelay;
    expect(legacyRelay).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(legacyRelay).not.toBe(running.devnet.address);
    expect(running.state.processes.usda?.external).toBe(true);
    expect(running.state.authority).toBe(`${running.devnet.address},${legacyRelay}`);
  });

  it("tim3-deploy run again plans the recorded external USDA the same way: nothing changes", () => {
    const r = spawnSync(
      process.execPath,
      [join(workspaceRoot, "tools/deploy/bin/deploy.mjs"), "--port", String(running.devnet.port), "--state", join(dataDir, "deploy-state.json"), "--wallet", running.wallet.keyFile],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`usda spawn Variant=ao.TN.1 Authority=${running.devnet.legacyRelay},${running.devnet.address}`);
    expect(r.stdout).toContain(`external  usda ${running.processes.usda}`);
    expect(r.stdout).toContain("nothing changed");
  });

  it("completes a mint and a redeem through the SDK over HTTP", async () => {
    const client = running.client;
    const holder = running.wallet.address;
    const usdaBefore = BigInt(await client.balance("usda", holder));
    const minted = await client.mint(units("7"), { requestId: "second-authority-mint" });
    expect((await client.waitForOperation(minted.requestId, { timeoutMs: 60_000, intervalMs: 50 })).status).toBe(OperationStatus.Completed);
    expect(await client.balance("tim3", holder)).toBe(units("7"));
    const redeemed = await client.redeem(units("3"), { requestId: "second-authority-redeem" });
    expect((await client.waitForOperation(redeemed.requestId, { timeoutMs: 60_000, intervalMs: 50 })).status).toBe(OperationStatus.Completed);
    expect(await client.balance("tim3", holder)).toBe(units("4"));
    expect(BigInt(await client.balance("usda", holder))).toBe(usdaBefore - BigInt(units("4")));
    expect(await client.totalSupply("tim3")).toBe((await client.info("lockManager"))[Tags.Collateral]);
  });

  it("a process spawned without the second authority drops USDA's Credit-Notice; one spawned with it takes it", async () => {
    const ao = running.client.ao;
    const usda = running.processes.usda;
    const probe = async (authority: string) => {
      const pid = await ao.spawn({ module: LOCAL_MODULE, authority, tags: toTags({ Name: "tim3-authority-probe" }) });
      await ao.evalLua(pid, probeLua(usda));
      return pid;
    };
    const nodeOnly = await probe(running.devnet.address);
    const both = await probe(running.state.authority);
    await running.client.transfer("usda", nodeOnly, units("1"));
    await running.client.transfer("usda", both, units("1"));
    // USDA's Credit-Notice arrived under the second key, and only a process trusting that key let it through.
    expect(await credits(nodeOnly)).toEqual({ count: "0", owner: undefined });
    expect(await credits(both)).toEqual({ count: "1", owner: running.devnet.legacyRelay });
  });
});
