import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { isNxHash } from "./hash.js";
import { IncompleteUploadError, StorageFullError, type CacheStorage } from "./storage/storage.js";
import type { TokenRegistry } from "./tokens.js";

/*
 * Nx's self-hosted remote cache API ("Nx custom remote cache specification", OpenAPI 3.0.0, version 1.0.0, Nx ≥ 20.8:
 * nx.dev/docs/kb/self-hosted-caching, and nrwl/nx docs/shared/recipes/running-tasks/self-hosted-caching.md):
 *   PUT /v1/cache/{hash}  body: application/octet-stream, Content-Length required.
 *                         202 uploaded, 401 missing or invalid token, 403 forbidden (e.g. read-only token), 409 cannot
 *                         override an existing record.
 *   GET /v1/cache/{hash}  200 application/octet-stream, 403 forbidden, 404 not found.
 *   security: `Authorization: Bearer <token>`; Nx sends NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN.
 * What Nx 23 itself does with the answers (nrwl/nx packages/nx/src/native/cache/http_remote_cache.rs and errors.rs):
 *   - `store` counts only 200 as uploaded; 409 and 403 are "not stored" and the run goes on; anything else is an
 *     error. So a successful PUT answers 200, not the spec's 202, which Nx 23 would report as misconfiguration.
 *   - `retrieve` takes 200 as a hit and 404 as a miss; anything else is an error.
 *   - a 401 is shown to the user only when its Content-Type is exactly "text/plain" (compared whole: no charset), so
 *     every error here is text/plain, one sentence a person can act on.
 */

export interface RemoteCacheServerOptions {
  storage: CacheStorage;
  tokens: TokenRegistry;
  /** Larger uploads are refused with 413 before any byte is read. Nx builds each entry in memory, so keep it modest. */
  maxEntryBytes: number;
  /** One line per request and per error; silent when omitted. */
  log?: (line: string) => void;
}

export const defaultMaxEntryBytes = 256 * 1024 * 1024;

export function createRemoteCacheServer(options: RemoteCacheServerOptions): Server {
  const log = options.log ?? (() => {});
  return createServer((request, response) => {
    handle(options, request, response).catch((error: unknown) => {
      // Last resort: the handler failed outside its own error handling. The server keeps serving.
      log(`error ${request.method} ${request.url}: ${(error as Error)?.stack ?? error}`);
      if (!response.headersSent) reply(response, 500, "The cache server failed on this request; see its log.");
      else response.destroy();
    });
  });
}

/** Listens on host:port (port 0 picks a free one) and returns the base URL Nx should be given. */
export async function listen(server: Server, port: number, host: string): Promise<string> {
  server.listen(port, host);
  await once(server, "listening");
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${shownHost}:${address.port}`;
}

async function handle(options: RemoteCacheServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { storage, tokens, maxEntryBytes } = options;
  const log = options.log ?? (() => {});
  // Nx joins "<server>/v1/cache/<hash>", so a server URL ending in "/" gives "//v1/…": collapse leading slashes.
  const path = (request.url ?? "/").split("?")[0].replace(/^\/+/, "/");

  if (path === "/health" && (request.method === "GET" || request.method === "HEAD")) {
    return reply(response, 200, "ok");
  }
  const route = /^\/v1\/cache\/([^/]*)$/.exec(path);
  if (!route) return refuse(request, response, 404, "Not an Nx cache path: use /v1/cache/{hash}.");
  if (request.method !== "GET" && request.method !== "PUT") {
    response.setHeader("allow", "GET, PUT");
    return refuse(request, response, 405, "Only GET and PUT are served on /v1/cache/{hash}.");
  }

  const scope = tokens.scopeOf(request.headers.authorization);
  if (!scope) {
    return refuse(request, response, 401, "Missing or invalid access token: set NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN to a token this cache knows.");
  }
  const hash = route[1];
  if (!isNxHash(hash)) {
    return refuse(request, response, 400, "Not an Nx task hash: expected 1-128 lowercase hex digits (Nx sends decimal digits).");
  }

  if (request.method === "GET") {
    const entry = await storage.get(hash);
    if (!entry) return reply(response, 404, "No cache entry for this hash.");
    response.writeHead(200, { "content-type": "application/octet-stream", "content-length": entry.size });
    await pipeline(entry.body, response).catch((error: Error) => log(`GET ${hash}: download interrupted: ${error.message}`));
    log(`GET ${hash} 200 ${entry.size} bytes`);
    return;
  }

  if (scope !== "write") {
    return refuse(request, response, 403, "This token is read-only: only CI uploads to this cache (a cache anyone can write, anyone can poison).");
  }
  const length = contentLength(request);
  if (length === null) return refuse(request, response, 411, "Content-Length is required: the cache stores only uploads whose size it knows.");
  if (length > maxEntryBytes) {
    // Refused unread: closing the connection is cheaper than draining an oversized body.
    response.setHeader("connection", "close");
    reply(response, 413, `Entry of ${length} bytes is over this cache's limit of ${maxEntryBytes} bytes.`);
    return;
  }
  if (await storage.has(hash)) return refuse(request, response, 409, "Cannot override an existing record.");

  try {
    const result = await storage.put(hash, exactly(request, length), length);
    if (result === "exists") return reply(response, 409, "Cannot override an existing record.");
    log(`PUT ${hash} 200 ${length} bytes`);
    return reply(response, 200, "Stored.");
  } catch (error) {
    if (isStorageFull(error)) {
      log(`PUT ${hash} 507: ${(error as Error).message}`);
      const detail = error instanceof StorageFullError ? error.message : `the cache's storage is full (${(error as Error).message}); nothing was stored`;
      return refuse(request, response, 507, `Insufficient Storage: ${detail}. The entry can be uploaded again once there is room.`);
    }
    if (error instanceof IncompleteUploadError) {
      log(`PUT ${hash}: ${error.message}`);
      if (!request.socket.destroyed) reply(response, 400, `Incomplete upload: ${error.message}.`);
      return;
    }
    log(`PUT ${hash} 500: ${(error as Error)?.stack ?? error}`);
    return refuse(request, response, 500, "The cache could not store this entry; nothing was stored; see the server's log.");
  }
}

/**
 * The request body as a stream that fails with IncompleteUploadError unless exactly `expected` bytes arrive. It is fed
 * from the request's events rather than by iterating it, so a storage that stops reading (a full disk) leaves the
 * request open for `refuse` to drain and answer, instead of destroying the connection under the client.
 */
function exactly(request: IncomingMessage, expected: number): Readable {
  const body = new PassThrough();
  let received = 0;
  request.on("data", (chunk: Buffer) => {
    received += chunk.length;
    if (body.destroyed) return;
    if (!body.write(chunk)) {
      request.pause();
      body.once("drain", () => request.resume());
    }
  });
  request.on("end", () => {
    if (received === expected) body.end();
    else body.destroy(new IncompleteUploadError(received, expected));
  });
  // The client went away mid-body: its connection closed before the whole message arrived.
  request.on("error", () => {});
  request.on("close", () => {
    if (!request.complete) body.destroy(new IncompleteUploadError(received, expected));
  });
  return body;
}

/** A full disk, whether a storage names it (StorageFullError) or an fs call just fails with ENOSPC / EDQUOT. */
function isStorageFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return error instanceof StorageFullError || code === "ENOSPC" || code === "EDQUOT";
}

function contentLength(request: IncomingMessage): number | null {
  const header = request.headers["content-length"];
  if (header === undefined || !/^\d{1,15}$/.test(header)) return null;
  return Number(header);
}

/**
 * Answers a request without using its body. The body is read and dropped first, so a client still sending (Nx sends
 * the whole entry with its PUT) reads our answer instead of a broken connection: Nx 23 treats a 403 or 409 as "not
 * stored, carry on", but a broken pipe as a failed run.
 */
function refuse(request: IncomingMessage, response: ServerResponse, status: number, message: string): void {
  if (request.readableEnded || request.destroyed) return reply(response, status, message);
  if ((contentLength(request) ?? 0) > drainLimitBytes) {
    response.setHeader("connection", "close");
    return reply(response, status, message);
  }
  let drained = 0;
  request.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > drainLimitBytes) request.destroy();
  });
  request.on("end", () => reply(response, status, message));
  request.on("error", () => response.destroy());
  request.resume();
}

/** A refused body (e.g. an anonymous PUT) is drained up to this size, then the connection is dropped. */
const drainLimitBytes = defaultMaxEntryBytes;

function reply(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent || response.destroyed) return;
  // Exactly "text/plain": Nx shows a 401's body only for that Content-Type (see the note at the top).
  response.writeHead(status, { "content-type": "text/plain", "content-length": Buffer.byteLength(message) + 1 });
  response.end(`${message}\n`);
}
