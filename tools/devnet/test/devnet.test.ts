/**
 * The devnet end to end over HTTP with the real @permaweb/aoconnect (MODE "mainnet"): `up` (node + deploy + dev
 * wallet), AO's trust rules (a stranger's forged From-Process, tampered and unsigned data items, a message pushed
 * twice, a spawn without Authority), state exposed with patch@1.0, the dry-run counter, and a SIGKILL in the middle
 * of a mint: restart on the same data, the mint completes, nothing is lost.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateJwk } from "@tim3/deploy";
import { Actions, OperationStatus, Tags, toBaseUnits } from "@tim3/protocol";
import { createAoClient, createTim3Client, nodeSigner, toTags, type Tim3Client } from "@tim3/sdk";
import { AOS_MODULE_ID } from "@tim3/local-ao";
import { postItem, signedItem } from "./signed-items";
import { startDevnet, up, type Devnet, type RunningDevnet } from "../src/index";

const dataDir = mkdtempSync(join(tmpdir(), "tim3-devnet-test-"));
let running: RunningDevnet;
let restarted: Devnet | undefined;

beforeAll(async () => {
  // A small delay between deliveries so a SIGKILL can land in the middle of a mint's cascade.
  running = await up({ dataDir, port: 0, log: () => undefined, node: { deliveryDelayMs: 40 } });
});

afterAll(async () => {
  await restarted?.stop();
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const units = (s: string) => {
  const r = toBaseUnits(s, 12);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

async function ledger(client: Tim3Client, holder: string) {
  const lm = await client.info("lockManager");
  return {
    usda: BigInt(await client.balance("usda", holder)),
    tim3: BigInt(await client.balance("tim3", holder)),
    supply: BigInt(await client.totalSupply("tim3")),
    locked: BigInt(lm[Tags.Collateral]),
    lmUsda: BigInt(await client.balance("usda", running.processes.lockManager)),
  };
}

const post = (path: string, body: Buffer) => postItem(running.urls.nodeUrl, path, body);

describe("devnet", () => {
  it("deploys, funds the dev wallet and listens on 127.0.0.1 only", async () => {
    const c = running.client;
    expect(running.urls.nodeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${running.urls.nodeUrl}/~meta@1.0/info/address`)).text()).toBe(running.devnet.address);
    expect(BigInt(await c.balance("usda", running.wallet.address))).toBeGreaterThanOrEqual(BigInt(units("1000")));
    const sent = await c.faucet(units("1"));
    expect(sent.reply?.tags[Tags.Quantity]).toBe(units("1"));
    expect(sent.slot).toMatch(/^\d+$/);
    // result() takes the slot or the message id alike.
    const bySlot = await c.ao.result(running.processes.usda, sent.slot);
    const byId = await c.ao.result(running.processes.usda, sent.messageId);
    expect(byId.Messages).toEqual(bySlot.Messages);
    const { networkInterfaces } = await import("node:os");
    const other = Object.values(networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal);
    if (other) {
      await expect(fetch(`http://${other.address}:${running.devnet.port}/`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    }
  });

  it("a stranger's Credit-Notice with From-Process = USDA mints nothing (From is the signer)", async () => {
    const holder = running.wallet.address;
    const before = await ledger(running.client, holder);
    const stranger = nodeSigner(generateJwk());
    const strangerAddress = await stranger.address();
    const ao = createAoClient({ network: running.urls, signer: stranger });
    const forged = await ao.send(
      running.processes.lockManager,
      toTags({
        [Tags.Action]: Actions.CreditNotice,
        "From-Process": running.processes.usda,
        [Tags.Sender]: strangerAddress,
        [Tags.Quantity]: units("500"),
        [Tags.XAction]: Actions.Mint,
        [Tags.XRequestId]: `forged-${Date.now()}`,
      }),
    );
    expect(forged.slot).toMatch(/^\d+$/);
    await running.devnet.settle();
    const after = await ledger(running.client, holder);
    expect(after.supply).toBe(before.supply);
    expect(after.locked).toBe(before.locked);
    expect(BigInt(await running.client.balance("tim3", strangerAddress))).toBe(0n);
    // The same trick on the Token Manager, claiming to be the Coordinator.
    await ao.send(
      running.processes.tokenManager,
      toTags({ [Tags.Action]: Actions.Mint, "From-Process": running.processes.coordinator, [Tags.Recipient]: strangerAddress, [Tags.Quantity]: units("500") }),
    );
    await running.devnet.settle();
    expect(BigInt(await running.client.balance("tim3", strangerAddress))).toBe(0n);
    expect(BigInt(await running.client.totalSupply("tim3"))).toBe(before.supply);
  });

  it("refuses tampered and unsigned data items (400) and a message pushed twice (409); nothing moves", async () => {
    const jwk = generateJwk();
    const address = await nodeSigner(jwk).address();
    await running.client.transfer("usda", address, units("3"));
    const holder = createTim3Client({ network: running.urls, processes: running.processes, signer: nodeSigner(jwk) });
    const path = `/${running.processes.usda}~process@1.0/push`;
    const tags = { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: running.wallet.address, [Tags.Quantity]: units("1"), "Data-Protocol": "ao", Type: "Message", Variant: "ao.N.1" };
    const raw = await signedItem(jwk, running.processes.usda, tags);
    // Tampered: raise the quantity in the signed bytes.
    const tampered = Buffer.from(raw.toString("latin1").replace(units("1"), units("2")), "latin1");
    expect(tampered.equals(raw)).toBe(false);
    const t = await post(path, tampered);
    expect(t.status).toBe(400);
    expect(t.text).toMatch(/invalid data item signature/);
    const unsigned = await post(path, Buffer.from("not a data item"));
    expect(unsigned.status).toBe(400);
    // Results and dry-runs too (hb_http verifies every ans104 body): aoconnect without a signer posts "[object Object]".
    const usda = `/${running.processes.usda}~process@1.0`;
    const readTags = { "Data-Protocol": "ao", Type: "Message", Variant: "ao.N.1" };
    for (const route of [`${usda}/compute/results=1`, `${usda}/as=execution/compute&Action=Info`]) {
      const anonymous = await post(route, Buffer.from("[object Object]"));
      expect(anonymous.status, route).toBe(400);
      expect(anonymous.text).toMatch(/not a signed ANS-104 data item|not an ANS-104 data item/);
      const item = await signedItem(jwk, running.processes.usda, { ...readTags, Purpose: "read" });
      const changed = Buffer.from(item.toString("latin1").replace("read", "READ"), "latin1");
      const tamperedRead = await post(route, changed);
      expect(tamperedRead.status, route).toBe(400);
      expect(tamperedRead.text).toMatch(/invalid data item signature/);
      expect((await post(route, item)).status, route).toBe(200);
    }
    expect(BigInt(await holder.balance("usda", address))).toBe(BigInt(units("3")));
    // The genuine item is accepted once…
    const ok = await post(path, raw);
    expect(ok.status, ok.text).toBe(200);
    await running.devnet.settle();
    expect(BigInt(await holder.balance("usda", address))).toBe(BigInt(units("2")));
    // …and never assigned again.
    const again = await post(path, raw);
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/already assigned/);
    await running.devnet.settle();
    expect(BigInt(await holder.balance("usda", address))).toBe(BigInt(units("2")));
  });

  it("answers a push as dev_push does: once its cascade is computed, with the result, slot and process, its outbox pushed depth-first in key order", async () => {
    const ao = running.client.ao;
    const pid = await ao.spawn({ module: AOS_MODULE_ID, tags: toTags({ Name: "push-order-probe" }) });
    // Fan sends 11 Leafs to itself; Leaf 1 sends a Grand. Each records its arrival and publishes the order.
    await ao.evalLua(
      pid,
      `Order = Order or {}
      local function note(x) table.insert(Order, x); Send({ device = "patch@1.0", cache = { order = table.concat(Order, ",") } }) end
      Handlers.add("Fan", "Fan", function() for i = 1, 11 do Send({ Target = ao.id, Action = "Leaf", N = tostring(i) }) end end)
      Handlers.add("Leaf", "Leaf", function(msg) note("L" .. msg.N); if msg.N == "1" then Send({ Target = ao.id, Action = "Grand" }) end end)
      Handlers.add("Grand", "Grand", function() note("G") end)`,
    );
    const owner = JSON.parse(readFileSync(running.wallet.keyFile, "utf8")) as ReturnType<typeof generateJwk>;
    const aoTags = { "Data-Protocol": "ao", Type: "Message", Variant: "ao.N.1" };
    const fan = await post(`/${pid}~process@1.0/push`, await signedItem(owner, pid, { ...aoTags, Action: "Fan" }));
    expect(fan.status, fan.text).toBe(200);
    const reply = JSON.parse(fan.text) as Record<string, unknown>;
    expect(reply.process).toBe(pid);
    expect(typeof reply.slot).toBe("number");
    expect(reply.id).toBeUndefined();
    expect((reply.raw as { Messages: unknown[] }).Messages).toHaveLength(11);
    const keys = Object.keys(reply).filter((k) => /^\d+$/.test(k)).sort();
    expect(keys).toEqual(["1", "10", "11", "2", "3", "4", "5", "6", "7", "8", "9"]);
    const first = reply["1"] as { id: string; target: string; slot: number; "resulted-in": Record<string, unknown> };
    expect(first).toMatchObject({ target: pid, id: expect.stringMatching(/^[\w-]{43}$/) });
    expect(first["resulted-in"]).toMatchObject({ slot: first.slot, process: pid, "1": { target: pid } });
    // Answered after the cascade: the latest computed state (compute, not now) already holds every Leaf, in
    // HyperBEAM's order — depth-first (Leaf 1's Grand before Leaf 10), each outbox by key as a string.
    expect(await (await fetch(`${running.urls.nodeUrl}/${pid}~process@1.0/compute/cache/order`)).text()).toBe("L1,G,L10,L11,L2,L3,L4,L5,L6,L7,L8,L9");
    // push-mode async (a named option): answered at once with slot and process, no result.
    const quick = await post(`/${pid}~process@1.0/push`, await signedItem(owner, pid, { ...aoTags, Action: "Leaf", N: "x", "push-mode": "async" }));
    expect(quick.status, quick.text).toBe(200);
    expect(Object.keys(JSON.parse(quick.text) as object).sort()).toEqual(["process", "slot"]);
  });

  it("refuses a spawn without an Authority tag, with a clear error", async () => {
    const jwk = generateJwk();
    const raw = await signedItem(jwk, "", { "Data-Protocol": "ao", Type: "Process", Variant: "ao.N.1", Module: AOS_MODULE_ID, Scheduler: running.devnet.address });
    const r = await post("/push", raw);
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/no Authority tag/);
  });

  it("serves state a process exposes with patch@1.0, and counts dry-runs per process", async () => {
    const ao = running.client.ao;
    const pid = await ao.spawn({ module: AOS_MODULE_ID, tags: toTags({ Name: "exposure-probe" }) });
    await ao.evalLua(pid, `Send({ device = "patch@1.0", cache = { greeting = "hello", totals = { a = "1" } } })`);
    await ao.evalLua(pid, `Send({ device = "patch@1.0", cache = { totals = { b = "2" } } })`);
    const base = `${running.urls.nodeUrl}/${pid}~process@1.0`;
    expect(await (await fetch(`${base}/now/cache/greeting`)).text()).toBe("hello");
    expect(await (await fetch(`${base}/compute/cache/totals/serialize~json@1.0`)).json()).toEqual({ a: "1", b: "2" });
    expect((await fetch(`${base}/now/cache/missing`)).status).toBe(404);
    // Served again from the node's encoded copy…
    expect(await (await fetch(`${base}/now/cache/greeting`)).text()).toBe("hello");
    expect((await fetch(`${base}/now/cache/missing`)).status).toBe(404);
    // …until the process evaluates a message: `now` read right after the push (its result not asked for) waits for it.
    const owner = JSON.parse(readFileSync(running.wallet.keyFile, "utf8")) as ReturnType<typeof generateJwk>;
    const lua = `Send({ device = "patch@1.0", cache = { greeting = "bye", missing = "found" } })`;
    const pushed = await post(`/${pid}~process@1.0/push`, await signedItem(owner, pid, { Action: "Eval", "Data-Protocol": "ao", Type: "Message", Variant: "ao.N.1" }, lua));
    expect(pushed.status, pushed.text).toBe(200);
    expect(await (await fetch(`${base}/now/cache/greeting`)).text()).toBe("bye");
    expect(await (await fetch(`${base}/now/cache/missing/serialize~json@1.0`)).json()).toBe("found");
    expect(await (await fetch(`${base}/compute/cache/greeting`)).text()).toBe("bye");
    const stats = async () => (await (await fetch(`${running.urls.nodeUrl}/~tim3@1.0/stats`)).json()) as { dryruns: Record<string, number> };
    const before = (await stats()).dryruns[pid] ?? 0;
    await ao.query(pid, toTags({ Action: "Info" }));
    expect((await stats()).dryruns[pid]).toBe(before + 1);
  });

  it("pushes a deposit's slot again (push&slot=N, as dev_push does) under new ids and timestamps: nothing is credited twice", async () => {
    const { usda, lockManager } = running.processes;
    const holder = running.wallet.address;
    const owner = JSON.parse(readFileSync(running.wallet.keyFile, "utf8")) as ReturnType<typeof generateJwk>;
    const aoTags = { "Data-Protocol": "ao", Type: "Message", Variant: "ao.N.1" };
    // A deposit: the holder's USDA Transfer to the Lock Manager with X-Action = Mint; its outbox carries USDA's
    // Credit-Notice to the Lock Manager, and the pushed cascade mints the TIM3.
    const deposit = await post(
      `/${usda}~process@1.0/push`,
      await signedItem(owner, usda, { ...aoTags, Action: "Transfer", Recipient: lockManager, Quantity: units("3"), "X-Action": "Mint", "X-Request-Id": "repushed-deposit" }),
    );
    expect(deposit.status, deposit.text).toBe(200);
    type Pushed = { id: string; target: string; slot: number };
    const first = JSON.parse(deposit.text) as Record<string, unknown>;
    const notice = Object.values(first).find((e): e is Pushed => (e as Pushed | null)?.target === lockManager);
    expect(notice, "the deposit's outbox holds a Credit-Notice to the Lock Manager").toBeDefined();
    expect((await running.client.getOperation("repushed-deposit"))?.status).toBe(OperationStatus.Completed);
    const before = await ledger(running.client, holder);

    // A node is asked to push that slot again (a client may ask: a retry, an attacker): relayed anew.
    const again = await post(`/${usda}~process@1.0/push&slot=${String(first.slot)}`, await signedItem(owner, usda, aoTags));
    expect(again.status, again.text).toBe(200);
    const second = JSON.parse(again.text) as Record<string, unknown>;
    expect(second).toMatchObject({ slot: first.slot, process: usda });
    const renotice = Object.values(second).find((e): e is Pushed => (e as Pushed | null)?.target === lockManager) as Pushed;
    // New id, assigned anew at the Lock Manager (a later slot, a later timestamp) and evaluated there.
    expect(renotice.id).toMatch(/^[\w-]{43}$/);
    expect(renotice.id).not.toBe(notice?.id);
    expect(renotice.slot).toBeGreaterThan(notice?.slot as number);
    const evaluated = await running.client.ao.result(lockManager, String(renotice.slot));
    expect(evaluated.Error ?? undefined).toBeUndefined();
    const assigned = async (slot: number) => {
      const r = await fetch(`${running.urls.nodeUrl}/${lockManager}~process@1.0/compute/results=${slot}`);
      return r.status;
    };
    expect(await assigned(renotice.slot)).toBe(200);

    // The Lock Manager took it for the Credit-Notice it had already counted: no second mint, no second deposit.
    const after = await ledger(running.client, holder);
    expect(after).toEqual(before);
    expect(after.supply).toBe(after.locked);
  });

  it("survives SIGKILL in the middle of a mint: the operation finishes, nothing is lost", async () => {
    const holder = running.wallet.address;
    const before = await ledger(running.client, holder);
    const requestId = `crash-${Date.now()}`;
    // A synchronous push answers only after the cascade: the mint is not awaited (its answer never comes).
    const pending = running.client.mint(units("7"), { requestId }).catch(() => undefined);
    const stats = async () => (await (await fetch(`${running.urls.nodeUrl}/~tim3@1.0/stats`)).json()) as { queued: number; evaluated: number };
    const evaluatedBefore = (await stats()).evaluated;
    // The cascade (USDA → Lock Manager → Coordinator → Token Manager → State Manager) is under way: kill the node.
    for (let s = await stats(); s.evaluated <= evaluatedBefore || s.queued === 0; s = await stats()) await new Promise((r) => setTimeout(r, 10));
    await running.devnet.kill("SIGKILL");
    await pending;
    restarted = await startDevnet({ dataDir, port: 0 });
    expect(restarted.recovered).toBeGreaterThan(0);
    const client = createTim3Client({ network: restarted.urls, processes: running.processes, signer: running.client.ao.signer });
    const op = await client.waitForOperation(requestId, { timeoutMs: 30_000, intervalMs: 100 });
    expect(op.status).toBe(OperationStatus.Completed);
    const after = await ledger(client, holder);
    expect(after.supply).toBe(after.locked);
    expect(after.lmUsda).toBeGreaterThanOrEqual(after.locked);
    expect(after.usda + after.tim3).toBe(before.usda + before.tim3);
    expect(after.tim3 - before.tim3).toBe(BigInt(units("7")));
    console.info(`crash test: ${restarted.recovered} queued messages finished after restart, ${restarted.replayed} replayed in ${restarted.startMs} ms`);
  });
});
