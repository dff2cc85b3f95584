/**
 * A minimal HTTP server answering HyperBEAM's state-exposure reads from processes' `readCache`, for tests and
 * benchmarks of HTTP readers (the SDK) without a node:
 *
 *     GET /<pid>~process@1.0/{now|compute}/cache/<key>[/serialize~json@1.0]
 *
 * Anything else (a dry-run, a message) is counted and refused, so a test can assert that a reader never dry-ran.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface CacheSource {
  readCache(key: string): unknown;
}

export interface CacheServer {
  url: string;
  /** Cache reads served, and every other request (path and method). */
  counts: { cacheReads: number; other: { method: string; path: string }[] };
  close(): Promise<void>;
}

const CACHE_PATH = /^\/([A-Za-z0-9_-]{43})~process@1\.0\/(now|compute)\/cache\/([^/]+)(\/serialize~json@1\.0)?\/?$/;

export async function startCacheServer(lookup: (pid: string) => CacheSource | undefined): Promise<CacheServer> {
  const counts: CacheServer["counts"] = { cacheReads: 0, other: [] };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    const m = req.method === "GET" ? CACHE_PATH.exec(path) : null;
    if (m === null) {
      counts.other.push({ method: req.method ?? "", path });
      res.writeHead(405, { "content-type": "text/plain" }).end("only exposed-state reads are served here");
      return;
    }
    counts.cacheReads++;
    const value = lookup(m[1])?.readCache(decodeURIComponent(m[3]));
    if (value === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
  });
  // Evaluations in the same Node process can block the loop for seconds: keep idle sockets open past that, or a
  // client reusing one would meet a connection the server just closed.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
