/**
 * The newcomer's path as CI runs it (`nx e2e devnet`, part of the README's test command): a devnet from an empty data
 * folder; mint, redeem and transfer with the `tim3` CLI as a user types them; an attacker's forged-From-Process
 * Credit-Notice and a tampered data item move nothing; a SIGKILL of the node in the middle of a CLI mint, a restart on
 * the same data, and the 1:1 invariant and the holder's funds hold.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArweaveSigner, createData } from "@dha-team/arbundles";
import { generateJwk } from "@tim3/deploy";
import { Actions, Tags, toBaseUnits } from "@tim3/protocol";
import { createAoClient, createTim3Client, nodeSigner, toTags, type Tim3Client } from "@tim3/sdk";
import { startDevnet, up, workspaceRoot, type Devnet, type RunningDevnet } from "../src/index";

const dataDir = mkdtempSync(join(tmpdir(), "tim3-devnet-smoke-"));
let running: RunningDevnet;
let restarted: Devnet | undefined;

const units = (s: string) => {
  const r = toBaseUnits(s, 12);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

function tim3(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(workspaceRoot, "tools/cli/bin/tim3.mjs"), ...args, "--data-dir", dataDir], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((ok) => child.once("exit", (code) => ok({ code, stdout, stderr })));
}

async function snapshot(client: Tim3Client, holder: string) {
  return {
    usda: BigInt(await client.balance("usda", holder)),
    tim3: BigInt(await client.balance("tim3", holder)),
    supply: BigInt(await client.totalSupply("tim3")),
    locked: BigInt((await client.info("lockManager"))[Tags.Collateral]),
  };
}

beforeAll(async () => {
  // An empty data folder; a short pause between deliveries gives the SIGKILL below a window inside the mint.
  running = await up({ dataDir, port: 0, log: () => undefined, node: { deliveryDelayMs: 30 } });
});

afterAll(async () => {
  await restarted?.stop();
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("devnet smoke (CLI, attacks, crash)", () => {
  it("mints, redeems and transfers with the CLI", async () => {
    const m = await tim3("mint", "10");
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toContain("mint completed: 10 TIM3 minted");
    const r = await tim3("redeem", "4");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("redeem completed: 4 USDA released");
    const t = await tim3("transfer", running.processes.usda.replace(/^./, "Q"), "1.5");
    expect(t.code, t.stderr).toBe(0);
    const json = JSON.parse((await tim3("balance", "--json")).stdout) as { tim3: string };
    expect(json.tim3).toBe("4.5");
  });

  it("a forged-From-Process Credit-Notice and a tampered data item move nothing", async () => {
    const holder = running.wallet.address;
    const before = await snapshot(running.client, holder);
    const jwk = generateJwk();
    const attacker = createAoClient({ network: running.urls, signer: nodeSigner(jwk) });
    await attacker.send(running.processes.lockManager, toTags({
      [Tags.Action]: Actions.CreditNotice, "From-Process": running.processes.usda, [Tags.Sender]: holder, [Tags.Quantity]: units("1000"),
      [Tags.XAction]: Actions.Mint,
    }));
    // A genuine holder's Transfer, signed, then changed in flight.
    const signer = new ArweaveSigner(JSON.parse(readFileSync(running.wallet.keyFile, "utf8")) as never);
    const item = createData("", signer, {
      target: running.processes.usda,
      tags: [
        { name: Tags.Action, value: Actions.Transfer }, { name: Tags.Recipient, value: await nodeSigner(jwk).address() },
        { name: Tags.Quantity, value: units("1") }, { name: "Data-Protocol", value: "ao" }, { name: "Type", value: "Message" },
      ],
    });
    await item.sign(signer);
    const tampered = Buffer.from(Buffer.from(item.getRaw()).toString("latin1").replace(units("1"), units("9")), "latin1");
    const res = await fetch(`${running.urls.nodeUrl}/${running.processes.usda}~process@1.0/push`, { method: "POST", body: tampered });
    expect(res.status).toBe(400);
    await running.devnet.settle();
    expect(await snapshot(running.client, holder)).toEqual(before);
  });

  it("a SIGKILL in the middle of a CLI mint loses nothing", async () => {
    const holder = running.wallet.address;
    const before = await snapshot(running.client, holder);
    const minting = tim3("mint", "3", "--request-id", "smoke-crash", "--timeout", "5000");
    // Kill the node once the holder's Transfer is assigned and its cascade is under way.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const stats = (await (await fetch(`${running.urls.nodeUrl}/~tim3@1.0/stats`)).json()) as { queued: number };
      if (stats.queued > 0) break;
      if (Date.now() > deadline) throw new Error("the mint never reached the node");
      await new Promise((r) => setTimeout(r, 5));
    }
    await running.devnet.kill("SIGKILL");
    await minting;
    restarted = await startDevnet({ dataDir, port: running.devnet.port });
    expect(restarted.recovered).toBeGreaterThan(0);
    await restarted.settle();
    const client = createTim3Client({ network: restarted.urls, processes: running.processes, signer: running.client.ao.signer });
    const op = await client.waitForOperation("smoke-crash", { timeoutMs: 30_000, intervalMs: 100 });
    expect(op.status).toBe("completed");
    const after = await snapshot(client, holder);
    expect(after.supply).toBe(after.locked);
    expect(after.usda + after.tim3).toBe(before.usda + before.tim3);
    expect(after.tim3 - before.tim3).toBe(BigInt(units("3")));
    const status = await tim3("status");
    expect(status.code, status.stderr).toBe(0);
  });
});
