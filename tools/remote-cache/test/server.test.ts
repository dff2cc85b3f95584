import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningRemoteCache } from "../src/config.js";
import { DirectoryStorage } from "../src/storage/directory.js";
import type { CacheStorage } from "../src/storage/storage.js";
import { cutOffUpload, get, put, readToken, send, startCache, tempDirectory, until, writeToken } from "./helpers.js";

const entry = (text: string) => Buffer.from(text.repeat(50));

describe("the cache server over HTTP, on a directory", () => {
  let directory: string;
  let cache: RunningRemoteCache;
  let log: string[];

  beforeEach(async () => {
    directory = tempDirectory("dir");
    log = [];
    cache = await startCache({ kind: "directory", directory }, { log });
  });
  afterEach(async () => {
    await cache.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("stores an upload from the write token and serves the same bytes to a read token", async () => {
    expect((await get(cache.url, "123")).status).toBe(404);
    const stored = await put(cache.url, "123", entry("tar"));
    expect(stored.status).toBe(200); // Nx 23 counts only 200 as stored (http_remote_cache.rs `store`)
    const fetched = await get(cache.url, "123");
    expect(fetched.status).toBe(200);
    expect(fetched.contentType).toBe("application/octet-stream");
    expect(fetched.body.equals(entry("tar"))).toBe(true);
    // The write token reads too (CI restores what it built before).
    expect((await get(cache.url, "123", writeToken)).body.equals(entry("tar"))).toBe(true);
  });

  it("answers 401 in plain text without a token or with an unknown one, and 403 to a read-only token's upload", async () => {
    for (const reply of [await send(cache.url, "/v1/cache/123"), await get(cache.url, "123", "not-a-token-we-know-of-at-all")]) {
      expect(reply.status).toBe(401);
      // Nx shows a 401's message only when the Content-Type is exactly text/plain (errors.rs convert_response_to_error).
      expect(reply.contentType).toBe("text/plain");
      expect(reply.text).toMatch(/NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN/);
    }
    expect((await put(cache.url, "123", entry("x"), "not-a-token-we-know-of-at-all")).status).toBe(401);
    const readOnly = await put(cache.url, "123", entry("poison"), readToken);
    expect(readOnly.status).toBe(403);
    expect(readOnly.text).toMatch(/read-only/);
    expect((await get(cache.url, "123")).status).toBe(404);
    expect(readdirSync(directory)).toEqual([]);
  });

  it("never replaces an entry: a second upload of a hash gets 409 and the first bytes stay", async () => {
    expect((await put(cache.url, "42", entry("first"))).status).toBe(200);
    const again = await put(cache.url, "42", entry("second"));
    expect(again.status).toBe(409);
    expect((await get(cache.url, "42")).body.equals(entry("first"))).toBe(true);
  });

  it("keeps the first complete upload when two uploads of one hash overlap (no replace on the way in)", async () => {
    const { hostname, port } = new URL(cache.url);
    const slow = httpRequest({ hostname, port, path: "/v1/cache/77", method: "PUT", headers: { authorization: `Bearer ${writeToken}`, "content-length": 100_000 } });
    const slowReply = new Promise<number>((resolve, reject) => {
      slow.on("response", (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      slow.on("error", reject);
    });
    slow.write(Buffer.alloc(50_000, 1));
    await until(() => readdirSync(directory).some((name) => name.startsWith(".upload-77-")), "the slow upload to start");
    expect((await put(cache.url, "77", Buffer.alloc(100_000, 2))).status).toBe(200);
    slow.end(Buffer.alloc(50_000, 1));
    expect(await slowReply).toBe(409);
    expect((await get(cache.url, "77")).body.equals(Buffer.alloc(100_000, 2))).toBe(true);
  });

  it("refuses hashes that are not the shape Nx sends, so no path leaves the cache directory", async () => {
    for (const path of ["/v1/cache/..", "/v1/cache/%2e%2e%2fsecret", "/v1/cache/ABC", "/v1/cache/12.tmp", `/v1/cache/${"1".repeat(129)}`, "/v1/cache/"]) {
      expect((await send(cache.url, path, { token: readToken })).status, path).toBe(400);
      expect((await send(cache.url, path, { method: "PUT", token: writeToken, body: entry("x") })).status, path).toBe(400);
    }
    for (const path of ["/v1/cache/../../etc/passwd", "/v1/cache/1/2", "/v2/cache/1"]) {
      expect((await send(cache.url, path, { token: readToken })).status, path).toBe(404);
    }
    expect(readdirSync(directory)).toEqual([]);
  });

  it("caps the body: over the limit gets 413 unread, no Content-Length gets 411", async () => {
    const tooBig = await put(cache.url, "7", Buffer.alloc(1024 * 1024 + 1));
    expect(tooBig.status).toBe(413);
    const chunked = await send(cache.url, "/v1/cache/7", { method: "PUT", token: writeToken, headers: { "transfer-encoding": "chunked" } });
    expect(chunked.status).toBe(411);
    expect((await get(cache.url, "7")).status).toBe(404);
  });

  it("never serves an upload that was cut off midway, and takes the whole upload afterwards", async () => {
    const uploadFiles = () => readdirSync(directory).filter((name) => name.startsWith(".upload-"));
    await cutOffUpload(cache.url, "99", 200_000, 64_000, () =>
      until(() => uploadFiles().some((name) => statSync(join(directory, name)).size >= 64_000), "the server to receive the first bytes"),
    );
    await until(() => uploadFiles().length === 0, "the server to drop the partial upload");
    expect((await get(cache.url, "99")).status).toBe(404);
    expect(log.some((line) => /upload ended after 64000 of 200000 bytes/.test(line))).toBe(true);
    expect((await put(cache.url, "99", Buffer.alloc(200_000, 1))).status).toBe(200);
    expect((await get(cache.url, "99")).body.equals(Buffer.alloc(200_000, 1))).toBe(true);
  });

  it("keeps its entries across a restart", async () => {
    expect((await put(cache.url, "5", entry("kept"))).status).toBe(200);
    await cache.close();
    cache = await startCache({ kind: "directory", directory });
    expect((await get(cache.url, "5")).body.equals(entry("kept"))).toBe(true);
    expect((await put(cache.url, "5", entry("other"))).status).toBe(409);
  });

  it("answers 507 with a clear message when the storage reports ENOSPC, and keeps serving (fault injected at the storage)", async () => {
    await cache.close();
    const real = await DirectoryStorage.open(directory);
    let diskFull = true;
    // Fault injection: the write fails the way fs does on a full disk, after part of the body was read.
    const failing: CacheStorage = {
      description: "directory with a full disk",
      has: (hash) => real.has(hash),
      get: (hash) => real.get(hash),
      put: async (hash: string, body: Readable, size: number) => {
        if (!diskFull) return real.put(hash, body, size);
        for await (const _chunk of body) break;
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      },
    };
    cache = await startCache({ kind: "directory", directory }, { storageInstance: failing });
    const full = await put(cache.url, "8", Buffer.alloc(300_000, 2));
    expect(full.status).toBe(507);
    expect(full.text).toMatch(/Insufficient Storage: .*full.*nothing was stored/);
    expect((await get(cache.url, "8")).status).toBe(404);
    expect((await send(cache.url, "/health")).status).toBe(200);
    diskFull = false;
    expect((await put(cache.url, "8", entry("room again"))).status).toBe(200);
  });
});

/** A real full disk: a 256 KiB tmpfs, when this machine lets us mount one (root on Linux, as here and in CI). */
const canMountTmpfs = (() => {
  if (process.platform !== "linux") return false;
  const probe = tempDirectory("tmpfs-probe");
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], { stdio: "ignore" });
    execFileSync("umount", [probe]);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();

describe.skipIf(!canMountTmpfs)("the cache server on a real full disk (a 256 KiB tmpfs)", () => {
  let tmpfs: string;
  beforeAll(() => {
    tmpfs = tempDirectory("tmpfs");
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", tmpfs]);
  });
  afterAll(() => {
    execFileSync("umount", [tmpfs]);
    rmSync(tmpfs, { recursive: true, force: true });
  });

  it("answers 507 Insufficient Storage, stores nothing partial, keeps serving, and stores again once there is room", async () => {
    const directory = join(tmpfs, "cache");
    const cache = await startCache({ kind: "directory", directory });
    try {
      expect((await put(cache.url, "1", Buffer.alloc(100_000, 1))).status).toBe(200);
      const full = await put(cache.url, "2", Buffer.alloc(400_000, 2));
      expect(full.status).toBe(507);
      expect(full.contentType).toBe("text/plain");
      expect(full.text).toMatch(/^Insufficient Storage: the cache's storage is full \(ENOSPC on the cache directory\); nothing was stored/);
      expect((await get(cache.url, "2")).status).toBe(404);
      expect(readdirSync(directory)).toEqual(["1"]); // the temp file of the failed upload is gone
      expect((await get(cache.url, "1")).body.equals(Buffer.alloc(100_000, 1))).toBe(true);
      expect((await put(cache.url, "3", Buffer.alloc(50_000, 3))).status).toBe(200);
      expect(existsSync(join(directory, "3"))).toBe(true);
    } finally {
      await cache.close();
    }
  });
});
