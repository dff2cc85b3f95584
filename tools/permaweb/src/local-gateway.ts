/**
 * A small local Arweave gateway for tests and the devnet: takes real signed transactions from the `arweave`
 * library (POST /tx and /chunk, signatures verified), serves their data by id, resolves path manifests at
 * /<manifest-id>/<path> and on ar.io-style sandbox subdomains (<base32-id>.localhost), so a Next.js export with
 * absolute asset paths loads as it would from a real gateway. Loopback only.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import Arweave from "arweave";
import { MANIFEST_CONTENT_TYPE, resolvePath, type PathManifest } from "./manifest";
import { sandboxOf } from "./sandbox";

interface Stored {
  data: Buffer;
  contentType: string;
  size: number;
  chunks: Map<number, Buffer>;
}

export interface LocalGateway {
  url: string;
  port: number;
  sandboxUrl(id: string): string;
  stop(): Promise<void>;
  transactions(): number;
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(Buffer.concat(parts)));
    req.on("error", reject);
  });
}

async function matchesDataRoot(arweave: Arweave, json: { data_root: string }, data: Buffer): Promise<boolean> {
  const check = arweave.transactions.fromRaw({ format: 2, data_root: "" });
  await check.prepareChunks(new Uint8Array(data));
  return check.data_root === json.data_root;
}

export async function startLocalGateway(port = 0): Promise<LocalGateway> {
  const arweave = Arweave.init({});
  const txs = new Map<string, Stored>();
  const byDataRoot = new Map<string, string>();
  const bySandbox = new Map<string, string>();
  const anchor = randomBytes(48).toString("base64url");

  const complete = (s: Stored) => s.data.length === s.size;

  const serve = (id: string, rest: string): { status: number; type: string; data: Buffer } => {
    const tx = txs.get(id);
    if (tx === undefined || !complete(tx)) return { status: 404, type: "text/plain", data: Buffer.from("Not found") };
    if (tx.contentType === MANIFEST_CONTENT_TYPE) {
      const target = resolvePath(JSON.parse(tx.data.toString("utf8")) as PathManifest, rest);
      const file = target === undefined ? undefined : txs.get(target);
      if (file === undefined || !complete(file)) return { status: 404, type: "text/plain", data: Buffer.from("Not in manifest") };
      return { status: 200, type: file.contentType, data: file.data };
    }
    return { status: 200, type: tx.contentType, data: tx.data };
  };

  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const host = (req.headers.host ?? "").split(":")[0];
      const sandbox = host.endsWith(".localhost") ? host.slice(0, -".localhost".length) : undefined;
      if (sandbox !== undefined && bySandbox.has(sandbox)) {
        const r = serve(bySandbox.get(sandbox) as string, url.pathname);
        res.writeHead(r.status, { "content-type": r.type }).end(r.data);
        return;
      }
      if (req.method === "GET" && url.pathname === "/tx_anchor") return void res.end(anchor);
      if (req.method === "GET" && url.pathname === "/info") return void res.end(JSON.stringify({ network: "tim3.local", height: 1, current: "" }));
      if (req.method === "GET" && url.pathname.startsWith("/price/")) {
        // A fixed, visible price: 1 winston per byte plus a base fee, so cost estimates are exact and testable.
        const bytes = Number(url.pathname.split("/")[2] ?? "0");
        return void res.end(String(1000 + bytes));
      }
      if (req.method === "POST" && url.pathname === "/tx") {
        const json = JSON.parse((await body(req)).toString("utf8"));
        const tx = arweave.transactions.fromRaw(json);
        if (!(await arweave.transactions.verify(tx))) return void res.writeHead(400).end("Transaction verification failed");
        const tags = Object.fromEntries(tx.tags.map((t) => [t.get("name", { decode: true, string: true }), t.get("value", { decode: true, string: true })]));
        const data = Buffer.from(tx.data);
        // The signature covers data_root, not the bytes: the bytes must hash to that root.
        if (data.length > 0 && !(await matchesDataRoot(arweave, json, data))) {
          return void res.writeHead(400).end("Data does not match the signed data_root");
        }
        txs.set(tx.id, { data, contentType: tags["Content-Type"] ?? "application/octet-stream", size: Number(tx.data_size), chunks: new Map() });
        byDataRoot.set(tx.data_root, tx.id);
        bySandbox.set(sandboxOf(tx.id), tx.id);
        return void res.end("OK");
      }
      if (req.method === "POST" && url.pathname === "/chunk") {
        const chunk = JSON.parse((await body(req)).toString("utf8"));
        const id = byDataRoot.get(chunk.data_root);
        const stored = id === undefined ? undefined : txs.get(id);
        if (stored === undefined) return void res.writeHead(400).end("Unknown data_root");
        stored.chunks.set(Number(chunk.offset), Buffer.from(chunk.chunk, "base64url"));
        const assembled = Buffer.concat([...stored.chunks.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c));
        if (assembled.length === stored.size) {
          if (!(await matchesDataRoot(arweave, { data_root: chunk.data_root }, assembled))) return void res.writeHead(400).end("Chunks do not match data_root");
          stored.data = assembled;
        }
        return void res.end("OK");
      }
      if (req.method === "GET" && url.pathname.startsWith("/tx/") && url.pathname.endsWith("/status")) {
        const id = url.pathname.split("/")[2];
        return void res.writeHead(txs.has(id) ? 200 : 404).end(JSON.stringify({ number_of_confirmations: 1 }));
      }
      const [, id, ...rest] = url.pathname.split("/");
      if (req.method === "GET" && id !== undefined && id.length === 43) {
        const r = serve(id, rest.join("/"));
        res.writeHead(r.status, { "content-type": r.type }).end(r.data);
        return;
      }
      res.writeHead(404).end("Not found");
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  const actual = typeof address === "object" && address !== null ? address.port : port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    sandboxUrl: (id) => `http://${sandboxOf(id)}.localhost:${actual}/`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
    transactions: () => txs.size,
  };
}
