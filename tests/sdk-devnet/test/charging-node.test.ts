/**
 * A node that charges (HyperBEAM dev_p4 with a ledger): a message from a signer without credit is refused with 402
 * before it is scheduled. The SDK turns it into a Node-Credit error that names the address to top up, the node's
 * ledger and how, instead of a generic network error; after a top-up the same signer's message goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientErrorCodes, Tim3Error, createTim3Client, generateJwk, nodeSigner } from "@tim3/sdk";
import { startDevnetProgram, units, type DevnetProgram } from "./devnet-program";

let devnet: DevnetProgram;

beforeAll(async () => {
  devnet = await startDevnetProgram(["--charging", "1"]);
});

afterAll(async () => {
  await devnet?.stop();
});

describe("a charging node", () => {
  it("refuses a signer without credit with a Node-Credit error naming the address and how to top up; nothing is sent", async () => {
    const signer = nodeSigner(await generateJwk());
    const address = await signer.address();
    const holder = createTim3Client({ network: { nodeUrl: devnet.nodeUrl }, processes: devnet.processes, signer });
    const slotBefore = await (await fetch(`${devnet.nodeUrl}/${devnet.processes.usda}/slot/current`)).text();
    const err = await holder.faucet(units("1")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Tim3Error);
    const e = err as Tim3Error;
    expect(e.code).toBe(ClientErrorCodes.NodeCredit);
    expect(e.message).toContain(address);
    expect(e.message).toContain("ledger~node-process@1.0");
    expect(e.message).toContain("aos --topup");
    expect(e.payment).toMatchObject({ address, nodeUrl: devnet.nodeUrl, price: "1", balance: "0" });
    expect(e.payment?.balanceUrl).toBe(`${devnet.nodeUrl}/ledger~node-process@1.0/now/balance/${address}`);
    expect(await (await fetch(e.payment!.balanceUrl)).text()).toBe("0");
    expect(await (await fetch(`${devnet.nodeUrl}/${devnet.processes.usda}/slot/current`)).text()).toBe(slotBefore);
    // Topped up (the devnet's stand-in for the ledger's top-up), the same holder's message goes through.
    expect((await fetch(`${devnet.nodeUrl}/~tim3@1.0/topup?address=${address}&amount=5`, { method: "POST" })).ok).toBe(true);
    await holder.faucet(units("1"));
    expect(await holder.balance("usda")).toBe(units("1"));
  });

  it("refuses a spawn by a signer without credit with the same Node-Credit error, not aoconnect's generic one", async () => {
    const signer = nodeSigner(await generateJwk());
    const address = await signer.address();
    // A spawn the node would take but for credit: USDA's own Module and Authority, read from its spawn (slot 0).
    const schedule = (await (
      await fetch(`${devnet.nodeUrl}/~scheduler@1.0/schedule?target=${devnet.processes.usda}&from=0&to=0&accept=application/aos-2`)
    ).json()) as { edges: { node: { message: { Tags: { name: string; value: string }[] } } }[] };
    const tag = (name: string) => schedule.edges[0].node.message.Tags.find((t) => t.name === name)?.value ?? "";
    const spawner = createTim3Client({ network: { nodeUrl: devnet.nodeUrl }, processes: devnet.processes, signer });
    const err = await spawner.ao
      .spawn({ module: tag("Module"), authority: tag("Authority"), tags: [{ name: "Name", value: "tim3-credit-probe" }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Tim3Error);
    const e = err as Tim3Error;
    expect(e.code).toBe(ClientErrorCodes.NodeCredit);
    expect(e.message).toContain(`Top up ${address}`);
    expect(e.payment).toMatchObject({ address, nodeUrl: devnet.nodeUrl, price: "1", balance: "0" });
  });
});
