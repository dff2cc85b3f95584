/**
 * Returns kept as owed (PROTOCOL.md "Returns are bounded…"; libs/protocol returns.ts): past its return limit a TIM3
 * process keeps a sender's tokens and publishes them as `owed-<hex(sender)>`, paying them only on the sender's own
 * Claim-Returns. The SDK reads that key on each of the four TIM3 processes (one GET each; 404: nothing owed) and sends
 * the claim, against a local node that serves the reads and answers the push as dev_push's sync reply does.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Actions, ErrorCodes, Tags, owedKey } from "@tim3/protocol";
import { Tim3Error, createTim3Client, generateJwk, jwkAddress, nodeSigner } from "../src/index";
import { nodeFetch } from "../src/node";

const id = (c: string) => c.repeat(43);
const processes = { usda: id("U"), tokenManager: id("T"), lockManager: id("L"), coordinator: id("C"), stateManager: id("S") };
let server: Server;
let nodeUrl: string;
const gets: string[] = [];
const pushes: { url: string; body: string }[] = [];
/** Published values by path (after the host), as the node serves them; anything else is 404. */
const published: Record<string, unknown> = {};
/** What each process's push answers with: its result's Messages. */
const results: Record<string, { Target: string; Tags: { name: string; value: string }[] }[]> = {};

const owedPath = (process: string, account: string) => `/${process}~process@1.0/now/cache/${owedKey(account)}/serialize~json@1.0`;
const tags = (t: Record<string, string>) => Object.entries(t).map(([name, value]) => ({ name, value }));

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? "";
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (req.method === "POST") {
        pushes.push({ url, body });
        const m = /^\/([\w-]{43})~process@1\.0\/push/.exec(url);
        res.writeHead(200, { "Content-Type": "application/json" });
        // dev_push's sync answer: the slot and the message's result (raw).
        res.end(JSON.stringify({ slot: pushes.length, process: m?.[1], raw: { Messages: results[m?.[1] ?? ""] ?? [] } }));
        return;
      }
      gets.push(url);
      if (url in published) {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify(published[url]));
        return;
      }
      res.writeHead(404, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: "not found" }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  nodeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

let signer: { jwk: Awaited<ReturnType<typeof generateJwk>>; address: string } | undefined;
/** One wallet for every test (an RSA key takes a second to make); a fresh client each, so nothing is remembered between tests. */
async function wallet() {
  if (signer === undefined) {
    const jwk = await generateJwk();
    signer = { jwk, address: await jwkAddress(jwk) };
  }
  const client = createTim3Client({ network: { nodeUrl }, processes, signer: nodeSigner(signer.jwk), fetch: nodeFetch() });
  return { client, address: signer.address };
}

describe("owedReturns", () => {
  it("reads owed-<hex(account)> on the four TIM3 processes, one GET each; never published (404) or claimed ([]) is nothing", async () => {
    const { client, address } = await wallet();
    published[owedPath(processes.tokenManager, address)] = [{ token: processes.usda, quantity: "1000000" }];
    // HyperBEAM may render a list as a map keyed by position.
    published[owedPath(processes.coordinator, address)] = { "1": { token: processes.tokenManager, quantity: "5" } };
    published[owedPath(processes.stateManager, address)] = [];
    gets.length = 0;
    const owed = await client.owedReturns();
    expect(owed).toEqual([
      { role: "lockManager", process: processes.lockManager, owed: [] },
      { role: "tokenManager", process: processes.tokenManager, owed: [{ token: processes.usda, quantity: "1000000" }] },
      { role: "coordinator", process: processes.coordinator, owed: [{ token: processes.tokenManager, quantity: "5" }] },
      { role: "stateManager", process: processes.stateManager, owed: [] },
    ]);
    expect(gets.sort()).toEqual(["lockManager", "tokenManager", "coordinator", "stateManager"].map((r) => owedPath(processes[r as "usda"], address)).sort());
  });

  it("reads another account's when named; refuses what is not an address (no GET) and a quantity that is not decimal digits", async () => {
    const { client } = await wallet();
    const other = "Ab" + "c".repeat(41);
    published[owedPath(processes.lockManager, other)] = [{ token: processes.usda, quantity: "7" }];
    expect((await client.owedReturns(other))[0].owed).toEqual([{ token: processes.usda, quantity: "7" }]);
    gets.length = 0;
    expect(((await client.owedReturns("not/an address").catch((e: unknown) => e)) as Tim3Error).code).toBe(ErrorCodes.Malformed);
    expect(gets).toEqual([]);
    published[owedPath(processes.lockManager, other)] = [{ token: processes.usda, quantity: 7.5 }];
    expect(await client.owedReturns(other).catch((e: unknown) => e)).toBeInstanceOf(Tim3Error);
  });
});

describe("claimReturns", () => {
  it("sends a signed Claim-Returns to the process and reports what it sent back to the signer", async () => {
    const { client, address } = await wallet();
    results[processes.coordinator] = [
      { Target: processes.tokenManager, Tags: tags({ [Tags.Action]: Actions.Transfer, [Tags.Recipient]: address, [Tags.Quantity]: "5", [Tags.XAction]: Actions.Refund }) },
      { Target: processes.usda, Tags: tags({ [Tags.Action]: Actions.Transfer, [Tags.Recipient]: address, [Tags.Quantity]: "42", [Tags.XAction]: Actions.Refund }) },
      // Not a payment to the claimer: not reported as paid.
      { Target: processes.usda, Tags: tags({ [Tags.Action]: Actions.Transfer, [Tags.Recipient]: id("Z"), [Tags.Quantity]: "9", [Tags.XAction]: Actions.Refund }) },
    ];
    pushes.length = 0;
    const claimed = await client.claimReturns("coordinator");
    expect(claimed.paid).toEqual([{ token: processes.tokenManager, quantity: "5" }, { token: processes.usda, quantity: "42" }]);
    expect(pushes.map((p) => p.url)).toEqual([`/${processes.coordinator}~process@1.0/push`]);
    expect(pushes[0].body).toContain(Actions.ClaimReturns);
  });

  it("a process that owes nothing answers Claim-Returns-Error: a Tim3Error with code Nothing-Owed", async () => {
    const { client } = await wallet();
    results[processes.stateManager] = [
      { Target: "x", Tags: tags({ [Tags.Action]: `${Actions.ClaimReturns}-Error`, [Tags.ErrorCode]: ErrorCodes.NothingOwed, [Tags.Error]: "Nothing is owed here" }) },
    ];
    const e = await client.claimReturns("stateManager").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Tim3Error);
    expect((e as Tim3Error).code).toBe(ErrorCodes.NothingOwed);
  });
});
