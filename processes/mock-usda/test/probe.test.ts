import { it } from "vitest";
import { Network, newId, spawnProcess, AUTHORITY } from "@tim3/testing";

it("probe", async () => {
  const t0 = Date.now();
  const network = new Network();
  const admin = newId();
  const p = await spawnProcess(network, "mock-usda", admin);
  console.log("spawn ms", Date.now() - t0);
  const alice = newId();
  let log = await network.send(admin, p.pid, { Action: "Mint", Recipient: alice, Quantity: "100" });
  console.log(JSON.stringify(log.map(d => [d.envelope.tags, d.outbox]), null, 1));
  log = await network.send(alice, p.pid, { Action: "Info" });
  console.log(JSON.stringify(log.map(d => [d.envelope.tags, d.envelope.data, d.outbox]), null, 1));
  log = await network.send(alice, p.pid, { Action: "Balances" });
  console.log(JSON.stringify(log.map(d => [d.envelope.tags, d.envelope.data])));
  log = await network.send(alice, p.pid, { Action: "Balances", Limit: "5", Cursor: "zzz" });
  console.log(JSON.stringify(log.map(d => [d.envelope.tags, d.envelope.data])));
  try { console.log(JSON.stringify(await p.read("MockUsda"))); } catch (e) { console.log("read failed", String(e)); }
  try { console.log(JSON.stringify(await p.read("MockUsda.core"))); } catch (e) { console.log("read core failed", String(e)); }
  log = await network.send(alice, p.pid, { Action: "Transfer", Recipient: newId(), Quantity: "5", "From-Process": newId() });
  console.log("forged", JSON.stringify(log.map(d => [d.envelope.tags, d.outbox])));
  log = await network.send(alice, p.pid, { Action: "Transfer", Recipient: newId(), Quantity: "5", "X-A": "1" });
  console.log("xfer", JSON.stringify(log.map(d => [d.envelope.tags, d.envelope.data])));
  log = await network.send(alice, p.pid, { Action: "Frob" });
  console.log("unknown", JSON.stringify(log.map(d => [d.envelope.tags, d.envelope.data])));
  log = await network.send(alice, p.pid, { Foo: "x" });
  console.log("noaction", JSON.stringify(log.map(d => [d.envelope.tags, d.envelope.data])));
  log = await network.send(alice, p.pid, { Action: "Transfer", Recipient: newId(), Quantity: " 5" });
  console.log("ws", JSON.stringify(log.map(d => [d.envelope.tags, d.envelope.data])));
  const t1 = Date.now();
  for (let i = 0; i < 20; i++) await network.send(alice, p.pid, { Action: "Balance" });
  console.log("20 msgs ms", Date.now() - t1);
  const t2 = Date.now();
  await p.read("MockUsda.ledger");
  console.log("read ms", Date.now() - t2, AUTHORITY.length);
});
