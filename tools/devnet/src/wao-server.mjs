#!/usr/bin/env -S node --experimental-wasm-memory64
/**
 * The one module that touches wao (it has no license file: keep it replaceable). Runs wao's server mode — AR/gateway
 * on PORT, bundler PORT+1, MU PORT+2, SU PORT+3, CU PORT+4 — like `wao/esm/run.js --port PORT --db DIR`, with two
 * differences:
 *   1. every unit listens on --host (127.0.0.1 by default) instead of all interfaces;
 *   2. on start it finishes message cascades that a crash (SIGKILL) interrupted, as a real MU would: messages a
 *      process emitted to a local process but that were never delivered are pushed now, and messages that were
 *      received but never evaluated are evaluated now. TIM3 processes de-duplicate by message id, so a message
 *      that happens to be delivered twice changes nothing.
 * Prints `TIM3-DEVNET-READY {"port":…,"recovered":…}` on stdout once all units listen.
 * Usage: node --experimental-wasm-memory64 wao-server.mjs --port 4000 --db .devnet/db [--host 127.0.0.1]
 */
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { mkdirSync } from "node:fs";
import { pathToFileURL } from "node:url";

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const port = Number(arg("port", "4000"));
const host = arg("host", "127.0.0.1");
const db = resolve(arg("db", ".devnet/db"));
const quiet = process.argv.includes("--quiet");
mkdirSync(db, { recursive: true });

// wao's package exports do not include server.js: load its files by path.
const require = createRequire(import.meta.url);
const waoEsm = join(dirname(require.resolve("wao")), "..", "esm");
const load = (file) => import(pathToFileURL(join(waoEsm, file)).href);
const { default: Server } = await load("server.js");
const { default: Adaptor } = await load("adaptor.js");
const { connect } = await load("aoconnect.js");
const { optAO } = await load("utils.js");
const { mu } = await load("test.js");

const listening = [];
class LocalServer extends Server {
  launch(name, app, paths) {
    // Same as wao's launch, but bound to `host`.
    const realListen = app.listen.bind(app);
    app.listen = (p, cb) => {
      const srv = realListen(p, host, cb);
      listening.push(new Promise((ok, fail) => { srv.once("listening", ok); srv.once("error", fail); }));
      return srv;
    };
    return super.launch(name, app, paths);
  }
}

const log = !quiet;
const adaptor = new Adaptor({ aoconnect: optAO(port), log, db });
const server = new LocalServer({ port, db, log, adaptor });
const api = connect(adaptor.mem, { log, cache: db });
await adaptor.mem.init();

function tagMap(list) {
  const out = {};
  for (const t of list ?? []) out[t.name] = t.value;
  return out;
}

/** Finishes interrupted cascades; returns how many messages it delivered or evaluated. */
async function recover() {
  const mem = adaptor.mem;
  let count = 0;
  for (let pass = 0; pass < 50; pass++) {
    let progressed = 0;
    const children = {};
    for (const [id, m] of Object.entries(mem.msgs ?? {})) if (m?.for) (children[m.for] ??= []).push({ id, m });
    for (const [id, m] of Object.entries(mem.msgs ?? {})) {
      const pid = m?.process;
      const env = pid ? mem.env[pid] : undefined;
      if (!env) continue;
      if (m.res === undefined) {
        if (env.results.includes(id)) continue; // evaluated; its outbox record is lost (see README)
        try {
          await api.assign({ message: id, process: pid, from: m.from, signer: mu.signer });
          progressed++;
        } catch (e) {
          console.error("recovery: could not evaluate", id, e);
        }
        continue;
      }
      const sent = children[id] ?? [];
      for (const out of m.res.Messages ?? []) {
        if (!mem.env[out.Target]) continue;
        const ref = tagMap(out.Tags).Reference;
        const delivered = sent.some((c) => c.m.process === out.Target && tagMap(c.m.tags).Reference === ref);
        if (delivered) continue;
        await api.message({ for: id, process: out.Target, tags: out.Tags, data: out.Data, signer: mu.signer, from: pid, target: out.Target });
        progressed++;
      }
    }
    count += progressed;
    if (progressed === 0) break;
  }
  return count;
}

await Promise.all(listening);
const recovered = await recover();
process.stdout.write(`TIM3-DEVNET-READY ${JSON.stringify({ port, host, recovered })}\n`);

const stop = async () => {
  await server.end().catch(() => undefined);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
