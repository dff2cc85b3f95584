/**
 * A minimal HTTP server answering HyperBEAM's state-exposure reads from processes' `readCache`, for tests and
 * benchmarks of HTTP readers (the SDK) without a node:
 *
 *     GET /<pid>~process@1.0/{now|compute}/cache/<key>[/serialize~json@1.0]
 *     GET /<pid>~process@1.0/{now|compute}/<key>/<…>[/serialize~json@1.0]   (another top-level key a patch wrote, such
 *                                                                          as the token blueprint's `balances` trie)
 *
 * Paths and bodies as the devnet's node serves them (@tim3/local-ao `statePath`, `encodeState`: a binary is JSON only
 * with the serialize suffix). Anything else (a dry-run, a message) is counted and refused, so a test can assert that
 * a reader never dry-ran.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { encodeState, statePath } from "@tim3/local-ao";

export interface CacheSource {
  readCache(key: string): unknown;
  /** The value at a path of the process state (`["balances", address]`), as a HyperBEAM node serves it. */
  readState?(path: string[]): unknown;
}

export interface CacheServer {
  url: string;
  /** State reads served (cache entries and other patched keys), and every other request (path and method). */
  counts: { cacheReads: number; other: { method: string; path: string }[] };
  close(): Promise<void>;
}

const STATE_PATH = /^\/([A-Za-z0-9_-]{43})~process@1\.0\/(now|compute)\/(.+)$/;

export async function startCacheServer(lookup: (pid: string) => CacheSource | undefined): Promise<CacheServer> {
  const counts: CacheServer["counts"] = { cacheReads: 0, other: [] };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    const m = req.method === "GET" ? STATE_PATH.exec(path) : null;
    if (m === null) {
      counts.other.push({ method: req.method ?? "", path });
      res.writeHead(405, { "content-type": "text/plain" }).end("only exposed-state reads are served here");
      return;
    }
    counts.cacheReads++;
    let read: ReturnType<typeof statePath>;
    try {
      read = statePath(m[3].split("/").map(decodeURIComponent));
    } catch (e) {
      res.writeHead(400, { "content-type": "text/plain" }).end(e instanceof Error ? e.message : String(e));
      return;
    }
    const { path: segments, asJson } = read;
    const source = lookup(m[1]);
    const value =
      segments.length === 2 && segments[0] === "cache" ? source?.readCache(segments[1]) : source?.readState?.(segments);
    const encoded = encodeState(value, asJson);
    if (encoded === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": encoded.json ? "application/json" : "text/plain; charset=utf-8" }).end(encoded.body);
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
