/**
 * Attack on a holder through its own client: a Transfer a token refused for balance stays its signer's signed request,
 * and anyone who read it off the scheduler can have it assigned again once the wallet is funded (HyperBEAM assigns an
 * item again; PROTOCOL.md, "A refused Transfer from a sender that held nothing can go through later"). The token keeps
 * no memory of the refusal when the wallet held nothing there (TIM3's tokens), or of any refusal (a blueprint token,
 * the real USDA): a wallet that pays a merchant before its first mint lands, is refused, and pays again once it lands,
 * pays twice (tests/flows/test/refused-before-holding.test.ts). PROTOCOL.md leaves it to clients: "a wallet should not
 * sign a Transfer its balance does not cover". The SDK signed it anyway; it now reads the balance first and signs
 * nothing the token could not refuse for good (TIM3: while the wallet holds none; USDA: whenever it is short).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ErrorCodes } from "@tim3/protocol";
import { Tim3Error, createTim3Client, generateJwk, nodeSigner } from "../src/index";
import { nodeFetch } from "../src/node";

const id = (c: string) => c.repeat(43);
const processes = { usda: id("U"), tokenManager: id("T"), lockManager: id("L"), coordinator: id("C"), stateManager: id("S") };
let server: Server;
let nodeUrl: string;
const posts: string[] = [];
/** The wallet's balance per token process, as the node publishes it (absent: never held, 404). */
const balances: Record<string, string> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.method === "POST") posts.push(req.url ?? "");
    const m = /^\/([\w-]{43})~process@1\.0\/now\/balances\/([\w-]{43})/.exec(req.url ?? "");
    const balance = m ? balances[m[1]] : undefined;
    if (req.method === "GET" && balance !== undefined) {
      // serialize~json@1.0 encodes the binary as a JSON string (HyperBEAM dev_codec_json), the plain read as it is.
      const asJson = (req.url ?? "").includes("serialize~json@1.0");
      res.writeHead(200, { "Content-Type": asJson ? "application/json" : "text/plain" });
      res.end(asJson ? JSON.stringify(balance) : balance);
      return;
    }
    res.writeHead(404, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ error: "nothing here" }));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  nodeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

async function client() {
  return createTim3Client({ network: { nodeUrl }, processes, signer: nodeSigner(await generateJwk()), fetch: nodeFetch(), usdaForm: "blueprint" });
}

it("signs no TIM3 Transfer while the wallet holds no TIM3, and no USDA Transfer (a mint) the USDA balance does not cover", async () => {
  const c = await client();
  for (const attempt of [() => c.transfer("tim3", id("M"), "100"), () => c.redeem("100"), () => c.mint("100")]) {
    const e = await attempt().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Tim3Error);
    expect((e as Tim3Error).code).toBe(ErrorCodes.InsufficientBalance);
  }
  balances[processes.usda] = "99";
  const short = await c.mint("100").catch((x: unknown) => x);
  expect((short as Tim3Error).code).toBe(ErrorCodes.InsufficientBalance);
  // Nothing was signed and sent to the node.
  expect(posts).toEqual([]);
  // Covered (the balance read where the node publishes it): signed and sent (this node takes no push).
  balances[processes.usda] = "100";
  await c.mint("100").catch(() => undefined);
  expect(posts).toEqual([`/${processes.usda}~process@1.0/push`]);
});
