import { request as httpRequest } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRemoteCache, type RemoteCacheConfig, type RunningRemoteCache } from "../src/config.js";
import type { CacheStorage } from "../src/storage/storage.js";
import { plainTokens } from "../src/tokens.js";

export const readToken = "laptop-read-token-0123456789";
export const writeToken = "ci-write-token-0123456789abcdef";

export function tempDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `tim3-remote-cache-${prefix}-`));
}

/** A server on a free loopback port, with one read and one write token. */
export async function startCache(
  storage: RemoteCacheConfig["storage"],
  options: { maxEntryBytes?: number; storageInstance?: CacheStorage; log?: string[] } = {},
): Promise<RunningRemoteCache> {
  const config: RemoteCacheConfig = {
    host: "127.0.0.1",
    port: 0,
    maxEntryBytes: options.maxEntryBytes ?? 1024 * 1024,
    storage,
    tokens: [...plainTokens("read", [readToken]), ...plainTokens("write", [writeToken])],
  };
  return startRemoteCache(config, { storage: options.storageInstance, log: options.log ? (line) => options.log!.push(line) : undefined });
}

export interface Reply {
  status: number;
  contentType: string | undefined;
  body: Buffer;
  text: string;
}

/** One HTTP request with node:http (fetch would normalise paths such as "/v1/cache/../x"). */
export function send(
  base: string,
  path: string,
  options: { method?: string; token?: string; body?: Buffer; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body) headers["content-length"] = options.body.length;
    const { hostname, port } = new URL(base);
    // Path given raw: a URL would resolve "/v1/cache/.." before it is sent.
    const request = httpRequest({ hostname, port, path, method: options.method ?? "GET", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ status: response.statusCode!, contentType: response.headers["content-type"], body, text: body.toString("utf8") });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

export const put = (base: string, hash: string, body: Buffer, token = writeToken) => send(base, `/v1/cache/${hash}`, { method: "PUT", token, body });
export const get = (base: string, hash: string, token = readToken) => send(base, `/v1/cache/${hash}`, { token });

/**
 * A PUT that announces `declared` bytes, sends `sent` of them, waits until the server has received them, then drops
 * the connection: what a CI job killed mid-upload looks like to the server.
 */
export function cutOffUpload(base: string, hash: string, declared: number, sent: number, waitForServer: () => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}/v1/cache/${hash}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${writeToken}`, "content-length": declared },
    });
    request.on("error", () => {}); // the reset we cause ourselves
    request.on("response", () => reject(new Error("the server answered a body it never fully received")));
    request.write(Buffer.alloc(sent, 7), () => {
      waitForServer()
        .then(() => {
          request.destroy();
          resolve();
        })
        .catch(reject);
    });
  });
}

export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
