/**
 * Issue 24, "No verdict an honest admin can give with TIM3's tools pays twice", over HTTP on a devnet whose USDA
 * behaves like the aos token blueprint. The node holds the Lock Manager's Transfer back (as a node that has not
 * pushed it yet: `--faults`); someone makes USDA send the Lock Manager a Transfer-Error with the release's reference
 * (a transfer they cannot pay, Reply-To = Lock Manager), and plants a wallet-signed "Transfer from the Lock Manager"
 * (a From-Process tag of its own) with that reference on USDA's schedule. The release is disputed, and balances look
 * exactly as if it had failed. What the tools offer is what this SDK read says: nothing while USDA has not computed
 * the Lock Manager's Transfer, then only "paid"; the redeemer is paid once and supply == USDA held.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Actions, OperationStatus, ReleaseOutcomes, Tags, TransferStates } from "@tim3/protocol";
import {
  createAoClient, generateJwk, jwkAddress, nodeSigner, platformFetch, toTags, verdictsOffered, type StateFetch, type Tim3Client, type Tim3Processes, type UnsettledTransfer,
} from "@tim3/sdk";
import { startDevnetProgram, units, type DevnetProgram } from "./devnet-program";

let devnet: DevnetProgram;
let client: Tim3Client;
let processes: Tim3Processes;

async function fault(path: string): Promise<void> {
  const r = await fetch(`${devnet.nodeUrl}${path}`, { method: "POST" });
  expect(r.status, await r.text()).toBe(200);
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  devnet = await startDevnetProgram(["--usda", "blueprint", "--faults"]);
  ({ client, processes } = devnet);
});

afterAll(async () => {
  await devnet?.stop();
});

describe("the admin's tools offer only USDA's own verdict on the Lock Manager's Transfer", () => {
  it("while the Transfer is in flight they offer nothing, though it is disputed and looks failed; once it lands, paid, and the redeemer is paid once", async () => {
    const mint = await client.mint(units("100"));
    expect((await client.waitForOperation(mint.requestId, { timeoutMs: 60_000 })).status).toBe(OperationStatus.Completed);
    const holder = devnet.walletAddress;
    // The node does not push the Lock Manager's Transfers to USDA until released.
    await fault(`/~tim3@1.0/hold?from=${processes.lockManager}&target=${processes.usda}`);
    const redeem = await client.redeem(units("50"));
    const [transfer] = await until("the release awaiting USDA", () => client.unsettledTransfers(), (l) => l.length === 1);
    expect(transfer).toMatchObject({ kind: "release", holder, quantity: units("50"), status: TransferStates.Sent });
    expect(await client.usdaVerdict(transfer)).toMatchObject({ verdict: "pending" });

    // Someone makes USDA answer the Lock Manager with a Transfer-Error bearing the reference, and plants a
    // wallet-signed "Transfer from the Lock Manager" with it (aos drops it: its signer is no authority of USDA's).
    const attackerJwk = await generateJwk();
    const attacker = createAoClient({ network: { nodeUrl: devnet.nodeUrl, scheduler: "" }, signer: nodeSigner(attackerJwk) });
    const attackerAddress = await jwkAddress(attackerJwk);
    expect(attackerAddress).not.toBe(holder);
    await attacker.send(processes.usda, toTags({
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: holder, [Tags.Quantity]: units("50"), [Tags.ReplyTo]: processes.lockManager, [Tags.XReference]: transfer.reference,
    }));
    await attacker.send(processes.usda, toTags({
      [Tags.Action]: Actions.Transfer, [Tags.Recipient]: holder, [Tags.Quantity]: units("50"), [Tags.XReference]: transfer.reference, "From-Process": processes.lockManager,
    }));
    const disputed = await until("the release disputed", () => client.unsettledTransfers(), (l) => l[0]?.status === TransferStates.Disputed);
    expect((await client.getOperation(redeem.requestId))?.status).toBe(OperationStatus.Disputed);
    // What balances show: the release's USDA still at the Lock Manager, the redeemer unpaid — as if it had failed.
    expect(await client.balance("usda", processes.lockManager)).toBe(units("100"));
    expect(await client.balance("usda")).toBe(units("900"));
    // USDA has not computed the Lock Manager's Transfer: no verdict, nothing offered.
    const inFlight = await client.usdaVerdict(disputed[0] as UnsettledTransfer);
    expect(inFlight).toEqual({ verdict: "pending", reason: expect.stringMatching(/not computed the Lock Manager's transfer/) });
    expect(verdictsOffered(inFlight)).toEqual([]);

    // The slow Transfer lands: USDA pays, its Debit-Notice settles the dispute by itself.
    await fault("/~tim3@1.0/release");
    const landed = await until("USDA's verdict", () => client.usdaVerdict(transfer), (r) => r.verdict !== "pending");
    expect(landed).toMatchObject({ verdict: ReleaseOutcomes.Paid });
    expect(verdictsOffered(landed)).toEqual([ReleaseOutcomes.Paid]);
    // USDA computed it; its Debit-Notice reaches the Lock Manager and the Coordinator a few messages later (the
    // release route does not wait for that cascade), so the redeem is read until it leaves "disputed".
    const op = await until("the redeem settled", () => client.getOperation(redeem.requestId), (o) => o?.status !== OperationStatus.Disputed);
    expect(op?.status).toBe(OperationStatus.Completed);
    expect(await until("nothing unsettled", () => client.unsettledTransfers(), (l) => l.length === 0)).toEqual([]);
    // Paid once: 50 USDA back, 50 TIM3 burnt for good; supply == USDA the Lock Manager holds.
    expect(await client.balance("usda")).toBe(units("950"));
    expect(await client.balance("tim3")).toBe(units("50"));
    expect(await client.totalSupply("tim3")).toBe(await client.balance("usda", processes.lockManager));

    // On mainnet the real USDA's spawn is not on a HyperBEAM schedule. A client made as the apps and the CLI make it,
    // from the deployment's record of USDA's authorities, still reads the verdict with USDA's slot 0 out of reach.
    expect(devnet.usdaAuthorities).toEqual([(await (await fetch(`${devnet.nodeUrl}/~meta@1.0/info/address`)).text()).trim()]);
    const spawnOutOfReach: StateFetch = async (url, init) => {
      const response = await platformFetch(url, init);
      if (new URL(url).pathname !== "/~scheduler@1.0/schedule" || !response.ok) return response;
      const page = JSON.parse(await response.text()) as { edges: { cursor: number | string }[] };
      const body = JSON.stringify({ ...page, edges: page.edges.filter((e) => Number(e.cursor) !== 0) });
      return { ok: true, status: 200, text: async () => body };
    };
    expect(await devnet.freshClient({ fetch: spawnOutOfReach }).usdaVerdict(transfer)).toMatchObject({ verdict: ReleaseOutcomes.Paid });
  });

  it("a reference no Transfer from the Lock Manager carries is pending, never failed", async () => {
    expect(await client.usdaVerdict({ reference: "no-such/reference", at: Date.now() - 60_000 })).toMatchObject({ verdict: "pending" });
  });
});
