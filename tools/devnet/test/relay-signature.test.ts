/**
 * Relays really signed (src/node/relay-signature.ts): what the node relays from a process's outbox is an ANS-104 item
 * signed by the key it is relayed under, and the schedule route serves what lets a reader verify it, as HyperBEAM's
 * dev_json_iface `message_to_json_struct` does (Signature, Owner, PublicKey, the item's Tags, Target, Data). A reader
 * here trusts nothing the node says about itself: it rebuilds the item from the served fields with arbundles (what
 * aoconnect signs with), checks the signature, that the id is the item's, and whose key signed it.
 *
 * One node with a second authority: probe N (Variant ao.N.1, relayed under the node's key) and probe L (ao.TN.1,
 * relayed under the legacy relay's key) send each other a Ping.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createData, DataItem, type Signer } from "@dha-team/arbundles";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateJwk } from "@tim3/deploy";
import { AOS_MODULE_ID } from "@tim3/local-ao";
import { createAoClient, nodeSigner, toTags, type AoClient } from "@tim3/sdk";
import { postItem, signedItem } from "./signed-items";
import { startDevnet, type Devnet } from "../src/index";

const dataDir = mkdtempSync(join(tmpdir(), "tim3-devnet-relay-signature-"));
const ownerJwk = generateJwk();
let devnet: Devnet;
let ao: AoClient;
let probeN: string;
let probeL: string;
/** Probe N's slot whose outbox carried its Ping to probe L (re-pushed below). */
let pingSlot: string;

interface Struct {
  Id: string;
  Anchor: string;
  Owner: string;
  From: string;
  Target: string;
  Tags: { name: string; value: string }[];
  Data: string;
  Signature: string;
  PublicKey?: string;
}
interface Schedule {
  edges: { cursor: number; node: { message: Struct } }[];
}

const AO_TAGS = { "Data-Protocol": "ao", Type: "Message", Variant: "ao.N.1" };

beforeAll(async () => {
  devnet = await startDevnet({ dataDir, port: 0, legacyRelay: true });
  ao = createAoClient({ network: devnet.urls, signer: nodeSigner(ownerJwk) });
  probeN = await ao.spawn({ module: AOS_MODULE_ID, tags: toTags({ Name: "relay-signature-n" }) });
  // A pre-mainnet process: spawned as a signed item, since aoconnect's spawn sets Variant ao.N.1 itself.
  const spawn = await postItem(
    devnet.urls.nodeUrl,
    "/push",
    await signedItem(ownerJwk, "", {
      "Data-Protocol": "ao", Variant: "ao.TN.1", Type: "Process", Module: AOS_MODULE_ID, Scheduler: devnet.address,
      Authority: `${devnet.address},${devnet.legacyRelay}`, Name: "relay-signature-l",
    }),
  );
  expect(spawn.status, spawn.text).toBe(200);
  probeL = (JSON.parse(spawn.text) as { process: string }).process;
  pingSlot = (await ao.evalLua(probeN, `Send({ Target = "${probeL}", Action = "Ping", Data = "from n" })`)).slot;
  await ao.evalLua(probeL, `Send({ Target = "${probeN}", Action = "Ping", Data = "from l" })`);
});

afterAll(async () => {
  await devnet?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function schedule(pid: string): Promise<Struct[]> {
  const r = await fetch(`${devnet.urls.nodeUrl}/~scheduler@1.0/schedule?target=${pid}&accept=application/aos-2`);
  expect(r.status).toBe(200);
  return ((await r.json()) as Schedule).edges.map((e) => e.node.message);
}

const tag = (m: Struct, name: string) => m.Tags.find((t) => t.name === name)?.value;

/** The Pings `from` relayed to `to`, oldest first, as `to`'s schedule shows them. */
async function pings(to: string, from: string): Promise<Struct[]> {
  return (await schedule(to)).filter((m) => m.From === from && tag(m, "Action") === "Ping");
}

/**
 * A reader's check of a served message: the ANS-104 item rebuilt from its fields (owner = PublicKey, target, anchor,
 * tags in the served order, data) with the served Signature verifies, its id is the served Id, and the answer is the
 * address whose key signed it (sha256 of the public key, as Arweave and AO derive an address); undefined otherwise.
 */
async function verifiedSigner(m: Struct): Promise<string | undefined> {
  const item = await rebuilt(m);
  if (item === undefined || !(await DataItem.verify(item.getRaw())) || item.id !== m.Id) return undefined;
  return createHash("sha256").update(item.rawOwner).digest("base64url");
}

/** The ANS-104 item a served message describes, with its served signature (unchecked). */
async function rebuilt(m: Struct): Promise<DataItem | undefined> {
  if (!m.Signature || !m.PublicKey) return undefined;
  // Only the layout fields are read by createData: the reader holds no key and signs nothing.
  const layout = { publicKey: Buffer.from(m.PublicKey, "base64url"), signatureType: 1, signatureLength: 512, ownerLength: 512 } as unknown as Signer;
  let item: DataItem;
  try {
    item = createData(m.Data, layout, { ...(m.Target ? { target: m.Target } : {}), ...(m.Anchor ? { anchor: m.Anchor } : {}), tags: m.Tags });
  } catch {
    return undefined;
  }
  await item.setSignature(Buffer.from(m.Signature, "base64url"));
  return item;
}

describe("relays really signed", () => {
  it("serves a relayed message as an ANS-104 item signed by the node, or by the second authority for an ao.TN.1 process", async () => {
    const [fromN] = await pings(probeL, probeN);
    expect(fromN).toMatchObject({ Owner: devnet.address, From: probeN, Target: probeL, Data: "from n" });
    expect(tag(fromN, "From-Process")).toBe(probeN);
    expect(await verifiedSigner(fromN)).toBe(devnet.address);

    const [fromL] = await pings(probeN, probeL);
    expect(devnet.legacyRelay).toBeDefined();
    expect(fromL).toMatchObject({ Owner: devnet.legacyRelay, From: probeL, Target: probeN, Data: "from l" });
    expect(await verifiedSigner(fromL)).toBe(devnet.legacyRelay);
  });

  it("signs a re-pushed slot afresh: a new id and a new signature, both valid, the same tags and Reference", async () => {
    const r = await postItem(devnet.urls.nodeUrl, `/${probeN}~process@1.0/push&slot=${pingSlot}`, await signedItem(ownerJwk, probeN, AO_TAGS));
    expect(r.status, r.text).toBe(200);
    const [first, again] = await pings(probeL, probeN);
    expect(again).toBeDefined();
    expect(again.Id).not.toBe(first.Id);
    expect(again.Signature).not.toBe(first.Signature);
    expect(tag(again, "Reference")).toBe(tag(first, "Reference"));
    expect(again.Tags).toEqual(first.Tags);
    expect(await verifiedSigner(first)).toBe(devnet.address);
    expect(await verifiedSigner(again)).toBe(devnet.address);
  });

  it("a tampered copy fails verification: a tag, the data, the target, the signer's key or another relay's signature", async () => {
    const [first, again] = await pings(probeL, probeN);
    const [fromL] = await pings(probeN, probeL);
    expect(await verifiedSigner(first)).toBe(devnet.address);
    const tampered: Struct[] = [
      { ...first, Tags: first.Tags.map((t) => (t.name === "Action" ? { ...t, value: "Pong" } : t)) },
      { ...first, Tags: first.Tags.map((t) => (t.name === "From-Process" ? { ...t, value: probeL } : t)) },
      { ...first, Data: "from someone else" },
      { ...first, Target: probeN },
      { ...first, PublicKey: fromL.PublicKey },
      { ...first, Signature: again.Signature },
      { ...first, Signature: "" },
    ];
    // arweave's verify warns on the console for every signature that fails: here each one is meant to.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      for (const m of tampered) expect(await verifiedSigner(m)).toBeUndefined();
    } finally {
      warn.mockRestore();
    }
  });

  it("refuses a stranger who pushes a node-signed relay read off the schedule: 409 at its target, 400 at any other process", async () => {
    // Now that a relay is a real signed item, anyone can rebuild its bytes from the schedule and push them.
    const [first] = await pings(probeL, probeN);
    const item = await rebuilt(first);
    expect(item).toBeDefined();
    const slotL = (await schedule(probeL)).length;
    const again = await postItem(devnet.urls.nodeUrl, `/${probeL}~process@1.0/push`, Buffer.from(item!.getRaw()));
    expect(again.status, again.text).toBe(409);
    const elsewhere = await postItem(devnet.urls.nodeUrl, `/${probeN}~process@1.0/push`, Buffer.from(item!.getRaw()));
    expect(elsewhere.status, elsewhere.text).toBe(400);
    expect(elsewhere.text).toContain("signed target");
    expect(await schedule(probeL)).toHaveLength(slotL);
  });

  it("still relays a message whose tags are too large for an ANS-104 item (4096 bytes), unsigned, and keeps delivering", async () => {
    await ao.evalLua(probeN, `Send({ Target = "${probeL}", Action = "Ping", ["X-Big"] = string.rep("x", 5000), Data = "big" })`);
    const big = (await pings(probeL, probeN)).find((m) => m.Data === "big");
    expect(big).toMatchObject({ Owner: devnet.address, Signature: "" });
    expect(tag(big!, "X-Big")).toHaveLength(5000);
    await ao.evalLua(probeN, `Send({ Target = "${probeL}", Action = "Ping", Data = "after" })`);
    const after = (await pings(probeL, probeN)).find((m) => m.Data === "after");
    expect(await verifiedSigner(after!)).toBe(devnet.address);
  });

  it("still serves every relay's signature after a restart", async () => {
    const before = await pings(probeL, probeN);
    await devnet.stop();
    devnet = await startDevnet({ dataDir, port: 0 });
    const after = await pings(probeL, probeN);
    expect(after).toEqual(before);
    for (const m of after.filter((m) => m.Data !== "big")) expect(await verifiedSigner(m)).toBe(devnet.address);
  });
});
