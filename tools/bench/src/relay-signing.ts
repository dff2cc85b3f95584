/**
 * 7c. Relay signing: what signing every relay as an ANS-104 item with the node's RSA-4096 key (the devnet's
 * node/relay-signature.ts, as HyperBEAM's dev_push signs each pushed message afresh) costs, against the random ids the
 * devnet gave its relays before (`--relay-ids random`), in one run:
 *  - per relay, in this process: `relay()` + `signRelay` (arbundles sign, the item kept in lmdb) vs `relay()` alone;
 *  - per mint, over HTTP: an SDK mint (send → completed, synchronous push) on a devnet that signs vs one that does
 *    not, the two taking turns, medians over the runs; the relays a mint causes are counted from the node's stats.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateJwk } from "@tim3/deploy";
import { RelaySignatures, up, type RunningDevnet } from "@tim3/devnet";
import { jwkAddress } from "@tim3/sdk";
import { relay, type Envelope, type Outbound } from "@tim3/testing";
import { median, now } from "./clock";
import { flow } from "./push-modes";

export interface RelaySigningResult {
  perRelay: { signedMs: number; randomMs: number; addedMs: number; ratio: number; relays: number; rounds: number };
  perMint: { signedMs: number; randomMs: number; addedMs: number; ratio: number; relaysPerMint: number; runs: number };
}

/** A Credit-Notice as a token relays it (the tags a mint's relays carry). */
function creditNotice(from: string, to: string, authority: string, n: number): Envelope {
  const tags = {
    "Data-Protocol": "ao", Variant: "ao.N.1", Type: "Message", Action: "Credit-Notice", Sender: from, Quantity: "1000000000000",
    "X-Reference": `mint-${n}`, "X-Tim3-Request": randomBytes(16).toString("hex"),
  };
  const out: Outbound = { target: to, tags, data: "", reference: String(n) };
  return relay({ target: from, id: randomBytes(32).toString("base64url"), depth: 0 }, out, authority, Date.now());
}

async function perRelay(rounds: number, relays: number): Promise<RelaySigningResult["perRelay"]> {
  const dir = mkdtempSync(join(tmpdir(), "tim3-bench-relay-sign-"));
  const jwk = generateJwk();
  const authority = await jwkAddress(jwk);
  const signatures = await RelaySignatures.open(dir, [jwk]);
  const [from, to] = [randomBytes(32).toString("base64url").slice(0, 43), randomBytes(32).toString("base64url").slice(0, 43)];
  try {
    const signed: number[] = [];
    const random: number[] = [];
    let n = 0;
    for (let r = 0; r <= rounds; r++) {
      let t = now();
      for (let i = 0; i < relays; i++) creditNotice(from, to, authority, n++);
      const randomRound = (now() - t) / relays;
      t = now();
      for (let i = 0; i < relays; i++) {
        const relayed = creditNotice(from, to, authority, n++);
        relayed.id = await signatures.signRelay(relayed);
      }
      const signedRound = (now() - t) / relays;
      // Round 0 warms both paths up (V8, the key's first use) and is not counted.
      if (r > 0) {
        random.push(randomRound);
        signed.push(signedRound);
      }
    }
    const signedMs = median(signed);
    const randomMs = median(random);
    return { signedMs: +signedMs.toFixed(2), randomMs: +randomMs.toFixed(4), addedMs: +(signedMs - randomMs).toFixed(2), ratio: Math.round(signedMs / randomMs), relays, rounds };
  } finally {
    await signatures.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function startFresh(relayIds: "signed" | "random"): Promise<{ running: RunningDevnet; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), `tim3-bench-relays-${relayIds}-`));
  return { running: await up({ dataDir, port: 0, log: () => undefined, node: { relayIds } }), dataDir };
}

async function perMint(runs: number): Promise<RelaySigningResult["perMint"]> {
  const devnets = [await startFresh("signed"), await startFresh("random")];
  try {
    const samples = { signed: [] as number[], random: [] as number[], relays: [] as number[] };
    const mint = ({ running }: { running: RunningDevnet }) =>
      flow(running.client, running.urls.nodeUrl, { ...running.processes } as Record<string, string>, () => running.devnet.settle(), "mint", "");
    // Warm-up: one mint each, not counted. Then the two devnets take turns (the same machine load falls on both).
    const [signing, random] = devnets;
    await mint(signing);
    await mint(random);
    for (let r = 0; r < runs; r++) {
      const signed = await mint(signing);
      samples.signed.push(signed.totalMs);
      // Every message the node evaluated for the mint but the holder's own arrived as a relay.
      samples.relays.push(signed.evaluations - 1);
      samples.random.push((await mint(random)).totalMs);
    }
    const signedMs = median(samples.signed);
    const randomMs = median(samples.random);
    return {
      signedMs: +signedMs.toFixed(1), randomMs: +randomMs.toFixed(1), addedMs: +(signedMs - randomMs).toFixed(1), ratio: +(signedMs / randomMs).toFixed(2),
      relaysPerMint: median(samples.relays), runs,
    };
  } finally {
    for (const { running, dataDir } of devnets) {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

export async function benchRelaySigning(options: { rounds: number; relays: number; mints: number }): Promise<RelaySigningResult> {
  return { perRelay: await perRelay(options.rounds, options.relays), perMint: await perMint(options.mints) };
}

export function describeRelaySigning(r: RelaySigningResult): string[] {
  const p = r.perRelay;
  const m = r.perMint;
  return [
    `per relay: signed ${p.signedMs} ms vs random id ${p.randomMs} ms → +${p.addedMs} ms a relay (${p.ratio}×; median of ${p.rounds} rounds of ${p.relays})`,
    `per mint (send → completed, sync push): signed ${m.signedMs} ms vs random ids ${m.randomMs} ms → ${m.ratio}× (+${m.addedMs} ms; ${m.relaysPerMint} relays a mint; median of ${m.runs} turns)`,
  ];
}
