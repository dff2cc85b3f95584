/**
 * The node's side of a second authority (src/node/relay-authority.ts, src/node/gateway.ts), on one node without the
 * second key: a pre-mainnet (Variant ao.TN.1) spawn is refused, since the node could not relay its messages under the
 * legacy relay's key; and the gateway route tells a process's spawn tags to tools/deploy's `spawnTags`, as an Arweave
 * gateway's GraphQL does, and refuses any other query; and a data dir that has the second key keeps it on every later
 * start (a restart must not change whose key relays a process's messages). The relaying itself is in
 * smoke/second-authority.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateJwk, spawnTags } from "@tim3/deploy";
import { createAoClient, jwkAddress, nodeSigner, toTags } from "@tim3/sdk";
import { AOS_MODULE_ID } from "@tim3/testing";
import { postItem, signedItem } from "./signed-items";
import { startDevnet, type Devnet } from "../src/index";

const dataDir = mkdtempSync(join(tmpdir(), "tim3-devnet-second-authority-"));
const jwk = generateJwk();
let devnet: Devnet;

beforeAll(async () => {
  devnet = await startDevnet({ dataDir, port: 0 });
});

afterAll(async () => {
  await devnet?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a second authority, node side", () => {
  it("refuses a Variant ao.TN.1 spawn when it holds no second key to relay its messages under", async () => {
    const item = await signedItem(jwk, "", {
      "Data-Protocol": "ao", Variant: "ao.TN.1", Type: "Process", Module: AOS_MODULE_ID, Scheduler: devnet.address, Authority: devnet.address, Name: "legacy",
    });
    const r = await postItem(devnet.urls.nodeUrl, "/push", item);
    expect(r.status).toBe(400);
    expect(r.text).toContain("--legacy-relay");
    expect(devnet.legacyRelay).toBeUndefined();
  });

  it("tells a hosted process's spawn tags through the gateway query tools/deploy sends, and nothing else", async () => {
    const ao = createAoClient({ network: devnet.urls, signer: nodeSigner(jwk) });
    const other = "Q".repeat(43);
    const pid = await ao.spawn({ module: AOS_MODULE_ID, authority: `${devnet.address},${other}`, tags: toTags({ Name: "tags-probe" }) });
    expect(await spawnTags(devnet.urls.nodeUrl, pid)).toEqual({ variant: "ao.N.1", authorities: [devnet.address, other], scheduler: devnet.address, module: AOS_MODULE_ID });
    await expect(spawnTags(devnet.urls.nodeUrl, "U".repeat(43))).rejects.toThrow(`knows no transaction ${"U".repeat(43)}`);
    const r = await fetch(`${devnet.urls.nodeUrl}/graphql`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ blocks { edges { node { id } } } }" }),
    });
    expect(r.status).toBe(400);
  });

  it("keeps its second key for good once a data dir has one: a start without the flag still relays under it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tim3-devnet-legacy-key-"));
    // A data dir where an earlier `--legacy-relay` start left the second key.
    writeFileSync(join(dir, "legacy-relay-wallet.json"), JSON.stringify(jwk));
    try {
      const again = await startDevnet({ dataDir: dir, port: 0 });
      await again.stop();
      expect(again.legacyRelay).toBe(await jwkAddress(jwk));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
