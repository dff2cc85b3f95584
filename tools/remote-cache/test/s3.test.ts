import { S3Client } from "@aws-sdk/client-s3";
import { rmSync } from "node:fs";
import { Readable } from "node:stream";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RemoteCacheConfig } from "../src/config.js";
import { S3Storage } from "../src/storage/s3.js";
import type { CacheStorage } from "../src/storage/storage.js";
import { cutOffUpload, get, put, startCache, tempDirectory, until } from "./helpers.js";

/*
 * The S3 backend against s3rver 3.7.1, an S3-compatible server from npm, in this process: real HTTP, real SigV4 from
 * the AWS SDK. What s3rver does not show: it ignores If-None-Match (checked: a second conditional PutObject
 * overwrote), so here the HeadObject guard is what refuses the overwrite, and the conditional header is asserted to be
 * sent; the store's own enforcement of it is AWS's, R2's and MinIO's, not tested here.
 */
describe("the cache server on S3-compatible storage (s3rver in-process)", () => {
  let s3Directory: string;
  let s3: S3rver;
  let storageConfig: RemoteCacheConfig["storage"];
  const sentHeaders: Record<string, string>[] = [];

  beforeAll(async () => {
    s3Directory = tempDirectory("s3");
    s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: s3Directory, configureBuckets: [{ name: "nx-cache" }] });
    const { port } = await s3.run();
    storageConfig = {
      kind: "s3",
      bucket: "nx-cache",
      prefix: "team/",
      endpoint: `http://127.0.0.1:${port}`,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    };
  });
  afterAll(async () => {
    await s3?.close();
    rmSync(s3Directory, { recursive: true, force: true });
  });

  /** The storage with a hook that records the headers of each PutObject as sent to the server. */
  function recordingStorage(): S3Storage {
    const storage = new S3Storage(storageConfig as Extract<RemoteCacheConfig["storage"], { kind: "s3" }>);
    const client = (storage as unknown as { client: S3Client }).client;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "PutObjectCommand") sentHeaders.push({ ...(args.request as { headers: Record<string, string> }).headers });
        return next(args);
      },
      { step: "finalizeRequest", priority: "low" },
    );
    return storage;
  }

  it("stores whole objects, serves them, refuses an overwrite with 409, and keeps them across a restart", async () => {
    let cache = await startCache(storageConfig, { storageInstance: recordingStorage() });
    try {
      expect((await get(cache.url, "111")).status).toBe(404);
      expect((await put(cache.url, "111", Buffer.alloc(70_000, 4))).status).toBe(200);
      expect(sentHeaders.at(-1)).toMatchObject({ "if-none-match": "*", "content-length": "70000" });
      expect((await get(cache.url, "111")).body.equals(Buffer.alloc(70_000, 4))).toBe(true);
      expect((await put(cache.url, "111", Buffer.alloc(70_000, 5))).status).toBe(409);
      expect((await get(cache.url, "111")).body.equals(Buffer.alloc(70_000, 4))).toBe(true);
    } finally {
      await cache.close();
    }
    cache = await startCache(storageConfig);
    try {
      expect((await get(cache.url, "111")).body.equals(Buffer.alloc(70_000, 4))).toBe(true);
    } finally {
      await cache.close();
    }
  });

  it("refuses to overwrite an object on its own (HeadObject first: s3rver ignores If-None-Match)", async () => {
    const storage = new S3Storage(storageConfig as Extract<RemoteCacheConfig["storage"], { kind: "s3" }>);
    expect(await storage.put("444", Readable.from([Buffer.from("first")]), 5)).toBe("stored");
    expect(await storage.put("444", Readable.from([Buffer.from("later")]), 5)).toBe("exists");
    const entry = await storage.get("444");
    expect(entry?.size).toBe(5);
    expect(Buffer.concat(await entry!.body.toArray()).toString()).toBe("first");
  });

  it("never sends an upload that was cut off midway to the bucket", async () => {
    const s3Storage = new S3Storage(storageConfig as Extract<RemoteCacheConfig["storage"], { kind: "s3" }>);
    let receiving = false;
    let finished = false;
    const watched: CacheStorage = {
      description: s3Storage.description,
      has: (hash) => s3Storage.has(hash),
      get: (hash) => s3Storage.get(hash),
      put: (hash: string, body: Readable, size: number) => {
        body.once("data", () => (receiving = true));
        return s3Storage.put(hash, body, size).finally(() => (finished = true));
      },
    };
    const cache = await startCache(storageConfig, { storageInstance: watched });
    try {
      await cutOffUpload(cache.url, "222", 300_000, 100_000, () => until(() => receiving, "the server to receive the first bytes"));
      await until(() => finished, "the server to give up on the upload");
      expect((await get(cache.url, "222")).status).toBe(404);
      expect(await s3Storage.has("222")).toBe(false);
    } finally {
      await cache.close();
    }
  });

  it("answers 409 when the store refuses the conditional write (the key appeared after HeadObject)", async () => {
    // A stand-in client, the only one in these tests: s3rver cannot produce the 412 that AWS S3, R2 and MinIO send.
    const client = {
      send: async (command: { constructor: { name: string } }) => {
        const status = command.constructor.name === "HeadObjectCommand" ? 404 : 412;
        throw Object.assign(new Error(status === 404 ? "NotFound" : "PreconditionFailed"), { $metadata: { httpStatusCode: status } });
      },
    } as unknown as S3Client;
    const storage = new S3Storage({ bucket: "nx-cache" }, client);
    const cache = await startCache(storageConfig, { storageInstance: storage });
    try {
      expect((await put(cache.url, "333", Buffer.alloc(10, 1))).status).toBe(409);
    } finally {
      await cache.close();
    }
  });
});
