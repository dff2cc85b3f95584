/**
 * A stranger over HTTP (issue 22): what a node must refuse cleanly, and keep serving after. One devnet node (`serve`,
 * no deploy) for the whole file; two probe processes spawned with the real aoconnect (through the SDK's AoClient).
 * Each behaviour is a row of the conformance table in ../README.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateJwk } from "@tim3/deploy";
import { createAoClient, nodeSigner, toTags, type AoClient } from "@tim3/sdk";
import { AOS_MODULE_ID } from "@tim3/local-ao";
import { postItem, signedItem } from "./signed-items";
import { startDevnet, type Devnet } from "../src/index";

const dataDir = mkdtempSync(join(tmpdir(), "tim3-devnet-hardening-"));
const ownerJwk = generateJwk();
let devnet: Devnet;
let ao: AoClient;
/** Two probes running the same code: a `Bump` adds one to `Count` and publishes it at `cache/count`. */
let probeA: string;
let probeB: string;

const PROBE_LUA = `Count = Count or 0
Send({ device = "patch@1.0", cache = { count = tostring(Count), totals = { a = "1" } } })
Handlers.add("Bump", "Bump", function() Count = Count + 1; Send({ device = "patch@1.0", cache = { count = tostring(Count) } }) end)
Handlers.add("Echo", "Echo", function(msg) Send({ Target = msg.From, Action = "Echoed", Data = msg.Note or "(none)" }) end)`;

beforeAll(async () => {
  devnet = await startDevnet({ dataDir, port: 0 });
  ao = createAoClient({ network: devnet.urls, signer: nodeSigner(ownerJwk) });
  [probeA, probeB] = await Promise.all(["hardening-a", "hardening-b"].map((Name) => ao.spawn({ module: AOS_MODULE_ID, tags: toTags({ Name }) })));
  for (const pid of [probeA, probeB]) await ao.evalLua(pid, PROBE_LUA);
});

afterAll(async () => {
  await devnet?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const AO_TAGS = { "Data-Protocol": "ao", Type: "Message", Variant: "ao.N.1" };

const post = (path: string, body: Buffer) => postItem(devnet.urls.nodeUrl, path, body);

/** A GET with the path sent exactly as written (fetch's URL parser would re-encode some of it). */
function rawGet(path: string): Promise<{ status: number; text: string }> {
  return new Promise((ok, fail) => {
    const req = request(`${devnet.urls.nodeUrl}/`, { method: "GET", path }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => ok({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", fail);
    req.end();
  });
}

const count = async (pid: string) => (await rawGet(`/${pid}~process@1.0/now/cache/count`)).text;
const slotOf = async (pid: string) => (await rawGet(`/${pid}/slot/current`)).text;

describe("a stranger over HTTP", () => {
  it("evaluates one signed item at one process only: a target-less item is refused at a second process, a foreign target at any other", async () => {
    const holder = generateJwk();
    const [countA, countB, slotB] = [await count(probeA), await count(probeB), await slotOf(probeB)];
    // No Target: HyperBEAM schedules it on the URL's process (dev_scheduler post_schedule/3 → find_target_id/3).
    const targetless = await signedItem(holder, "", { ...AO_TAGS, Action: "Bump" });
    const first = await post(`/${probeA}~process@1.0/push`, targetless);
    expect(first.status, first.text).toBe(200);
    expect(await count(probeA)).toBe(String(Number(countA) + 1));
    // The same signed bytes replayed at another process: refused, nothing assigned or evaluated there.
    const replay = await post(`/${probeB}~process@1.0/push`, targetless);
    expect(replay.status, replay.text).toBe(409);
    expect(replay.text).toMatch(/already assigned to .*never to another process/);
    // A signed Target that is not the URL's process: refused before anything is scheduled.
    const foreign = await post(`/${probeB}~process@1.0/push`, await signedItem(holder, probeA, { ...AO_TAGS, Action: "Bump" }));
    expect(foreign.status, foreign.text).toBe(400);
    expect(foreign.text).toMatch(/target/);
    expect(await count(probeB)).toBe(countB);
    expect(await slotOf(probeB)).toBe(slotB);
    // The refusal is of the replay, not of target-less items: a fresh one is taken at B.
    const fresh = await post(`/${probeB}~process@1.0/push`, await signedItem(holder, "", { ...AO_TAGS, Action: "Bump", Nonce: "2" }));
    expect(fresh.status, fresh.text).toBe(200);
    expect(await count(probeB)).toBe(String(Number(countB) + 1));
  });

  it("answers a malformed percent-escape in a state path with 400, and keeps serving", async () => {
    for (const bad of ["%E0%A4%A", "%zz", "%", "a%2"]) {
      const r = await rawGet(`/${probeA}~process@1.0/now/cache/${bad}`);
      expect(r.status, `${bad}: ${r.text}`).toBe(400);
      expect(r.text).toMatch(/percent-escape/);
    }
    expect(await count(probeA)).toMatch(/^\d+$/);
  });

  it("answers JavaScript built-in names as state keys with 404, never 500 or {}", async () => {
    for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"]) {
      for (const path of [`now/cache/${key}`, `now/${key}`, `compute/${key}`, `now/cache/totals/${key}`, `now/cache/count/${key}`, `now/cache/${key}/serialize~json@1.0`]) {
        const r = await rawGet(`/${probeA}~process@1.0/${path}`);
        expect(r.status, `${path}: ${r.text}`).toBe(404);
      }
    }
    expect((await rawGet(`/${probeA}~process@1.0/now/cache/totals/a`)).text).toBe("1");
  });

  it("answers an oversized body with 413 and a readable message, then keeps serving", async () => {
    const huge = Buffer.alloc(17 * 1024 * 1024, 1);
    for (const path of ["/push", `/${probeA}~process@1.0/push`]) {
      const r = await post(path, huge);
      expect(r.status, path).toBe(413);
      expect(r.text).toMatch(/request body too large/);
    }
    expect(await count(probeA)).toMatch(/^\d+$/);
  });

  it("parses dry-run tags aoconnect puts into the URL as HyperBEAM does, and refuses what cannot be parsed", async () => {
    const echo = async (note: string) => {
      const result = await ao.query(probeA, toTags({ Action: "Echo", Note: note }));
      return (result.Messages as { Data: string }[])[0]?.Data;
    };
    expect(await echo("plain")).toBe("plain");
    expect(await echo("a=b")).toBe("a=b");
    // aoconnect sends the value unencoded; hb_singleton decodes the segment: "%41" arrives as "A".
    expect(await echo("%41")).toBe("A");
    // "&" splits the tags (hb_singleton parse_inlined_keys/2), a lone "%" cannot be decoded (decode_string/1):
    // refused, never answered with a tag cut short.
    await expect(echo("fish&chips")).rejects.toThrow();
    await expect(echo("100%")).rejects.toThrow();
    // "/" starts another path segment (hb_singleton path_parts/2).
    await expect(echo("either/or")).rejects.toThrow();
    const jwk = generateJwk();
    const item = await signedItem(jwk, probeA, AO_TAGS);
    const cut = await post(`/${probeA}~process@1.0/as=execution/compute&Action=Echo&Note=fish&chips`, item);
    expect(cut.status, cut.text).toBe(400);
    expect(cut.text).toMatch(/chips/);
    const percent = await post(`/${probeA}~process@1.0/as=execution/compute&Action=Echo&Note=100%`, item);
    expect(percent.status, percent.text).toBe(400);
    expect(percent.text).toMatch(/percent-escape/);
    expect(await echo("after")).toBe("after");
  });

  it("serves a process's schedule as HyperBEAM's get_schedule/3 answers application/aos-2, with who sent each message as aos sees it", async () => {
    const holder = generateJwk();
    // A process's message: probe B's Eval sends probe A a Bump (relayed by the node, From-Process = B).
    await ao.evalLua(probeB, `Send({ Target = "${probeA}", Action = "Bump" })`);
    // A wallet's message with its own From-Process tag: a claim, which the schedule shows as HyperBEAM shows it.
    const forged = await post(`/${probeA}~process@1.0/push`, await signedItem(holder, probeA, { ...AO_TAGS, Action: "Bump", "From-Process": probeB }));
    expect(forged.status, forged.text).toBe(200);
    const latest = Number(await slotOf(probeA));
    const get = async (path: string) => {
      const r = await rawGet(path);
      return { status: r.status, text: r.text, json: r.status === 200 ? (JSON.parse(r.text) as Schedule) : undefined };
    };
    type Struct = { Id: string; Owner: string; From: string; Target: string; Tags: { name: string; value: string }[] };
    type Schedule = { page_info: { process: string; has_next_page: boolean }; edges: { cursor: number; node: { message: Struct; assignment: Struct } }[] };
    const tag = (s: Struct, name: string) => s.Tags.find((t) => t.name === name)?.value;
    const all = await get(`/~scheduler@1.0/schedule?target=${probeA}&from=0&to=${latest}&accept=application/aos-2`);
    expect(all.status, all.text).toBe(200);
    const edges = all.json!.edges;
    expect(edges.map((e) => e.cursor)).toEqual([...Array(latest + 1).keys()]);
    expect(all.json!.page_info).toMatchObject({ process: probeA, has_next_page: false });
    // Slot 0 is the spawn, with its Authority (the node).
    expect(edges[0].node.message.Id).toBe(probeA);
    expect(tag(edges[0].node.message, "Type")).toBe("Process");
    expect(tag(edges[0].node.message, "Authority")).toBe(devnet.address);
    for (const e of edges) expect(tag(e.node.assignment, "Slot")).toBe(String(e.cursor));
    const relayed = edges.find((e) => e.node.message.Owner === devnet.address && tag(e.node.message, "Action") === "Bump");
    expect(relayed?.node.message).toMatchObject({ From: probeB, Target: probeA });
    const last = edges[latest].node.message;
    expect(last).toMatchObject({ Owner: expect.not.stringMatching(devnet.address), From: probeB });
    // Its computed result, by slot (compute/results=<slot>).
    const result = await rawGet(`/${probeA}~process@1.0/compute/results=${relayed!.cursor}`);
    expect(result.status, result.text).toBe(200);
    // A page from a slot, the process's own path, the cap of 1000 slots past `from`, bad input.
    const page = await get(`/${probeA}~process@1.0/schedule?from=1&to=1&accept=application/aos-2`);
    expect(page.json!.edges.map((e) => e.cursor)).toEqual([1]);
    const far = await get(`/~scheduler@1.0/schedule?target=${probeA}&from=0&to=5000&accept=application/aos-2`);
    expect(far.json!.edges).toHaveLength(latest + 1);
    expect(far.json!.page_info.has_next_page).toBe(true);
    expect((await get(`/~scheduler@1.0/schedule?target=${probeA}`)).status).toBe(406);
    expect((await get(`/~scheduler@1.0/schedule?target=${probeA}&accept=application%25zz`)).status).toBe(406);
    expect((await get(`/~scheduler@1.0/schedule?target=${probeA}&from=x&accept=application/aos-2`)).status).toBe(400);
    expect((await get(`/~scheduler@1.0/schedule?target=${"x".repeat(43)}&accept=application/aos-2`)).status).toBe(404);
    // A process this node does not host is a 404 whatever the id looks like or the format asked for; so is its own path.
    for (const path of [`/~scheduler@1.0/schedule?target=nosuchprocess&accept=application/aos-2`, `/~scheduler@1.0/schedule?target=${"y".repeat(43)}`, `/${"y".repeat(43)}~process@1.0/schedule?accept=application/aos-2`]) {
      const r = await get(path);
      expect(r.status, `${path}: ${r.text}`).toBe(404);
      expect(r.text).toMatch(/no process/);
    }
    // A slot that is negative or not an integer is refused, never read as another slot (or as an empty schedule).
    for (const bad of ["from=-5", "to=-1", "from=1.5", "to=2e3", "from=0x10", "from=99999999999999999999"]) {
      const r = await get(`/~scheduler@1.0/schedule?target=${probeA}&${bad}&accept=application/aos-2`);
      expect(r.status, `${bad}: ${r.text}`).toBe(400);
      expect(r.text).toMatch(/slot number/);
    }
    // The fault routes (holding relayed messages) exist only on a node started with --faults.
    expect((await post(`/~tim3@1.0/hold?from=${probeB}`, Buffer.alloc(0))).status).toBe(404);
  });
});
