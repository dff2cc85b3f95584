import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { Readable } from "node:stream";
import { IncompleteUploadError, StorageFullError, type CacheStorage } from "./storage.js";

export interface S3StorageOptions {
  bucket: string;
  /** Prepended to each hash, e.g. "nx/" to share a bucket. */
  prefix?: string;
  /** For R2, MinIO and other S3-compatible stores, e.g. "https://<account>.r2.cloudflarestorage.com". */
  endpoint?: string;
  region?: string;
  /** Path-style URLs (endpoint/bucket/key): MinIO and most self-hosted stores need it. */
  forcePathStyle?: boolean;
  /** Explicit credentials; otherwise the AWS SDK's default chain (AWS_ACCESS_KEY_ID, profiles, instance roles). */
  credentials?: S3ClientConfig["credentials"];
}

/**
 * Entries as objects in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO), through the AWS SDK v3.
 *
 * Whole objects only: the body is received completely (and checked against Content-Length) before PutObject is sent,
 * with its exact ContentLength; a PutObject either creates the whole object or nothing, so an upload cut off midway
 * never reaches the bucket.
 *
 * Never overwritten, in two steps: HeadObject first (a cheap 409 for an entry that exists, and the only guard on stores
 * that ignore conditional writes: s3rver 3.7.1 does, we checked, and so do MinIO releases before conditional-write
 * support), then PutObject with `If-None-Match: *`, which AWS S3 (since 2024-08), R2 and current MinIO enforce
 * atomically: 412 Precondition Failed when the key appeared in between, 409 ConditionalRequestConflict while a
 * concurrent conditional write is in flight; both answer "exists". Only holders of the write token (CI) ever reach
 * PutObject, so the gap left on stores without conditional writes is between two CI uploads of the same task.
 */
export class S3Storage implements CacheStorage {
  readonly description: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(options: S3StorageOptions, client?: S3Client) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? "";
    this.description = `s3 bucket ${options.bucket}${options.prefix ? `/${options.prefix}` : ""}${options.endpoint ? ` at ${options.endpoint}` : ""}`;
    this.client =
      client ??
      new S3Client({
        endpoint: options.endpoint,
        region: options.region ?? "us-east-1",
        forcePathStyle: options.forcePathStyle ?? false,
        credentials: options.credentials,
        // Checksums only where an operation requires them: with the SDK's default (a CRC32 on every PutObject) some
        // S3-compatible stores reject or ignore the extra headers; the body's length is checked by the store instead.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      });
  }

  async has(hash: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(hash) }));
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }

  async get(hash: string): Promise<{ body: Readable; size: number } | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(hash) }));
      if (!(object.Body instanceof Readable) || object.ContentLength === undefined) {
        throw new Error(`S3 GetObject for ${hash} returned no stream or no length`);
      }
      return { body: object.Body, size: object.ContentLength };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  async put(hash: string, body: Readable, size: number): Promise<"stored" | "exists"> {
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      received += chunk.length;
      chunks.push(chunk);
    }
    if (received !== size) throw new IncompleteUploadError(received, size);
    if (await this.has(hash)) return "exists";
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.key(hash),
          Body: Buffer.concat(chunks, size),
          ContentLength: size,
          ContentType: "application/octet-stream",
          IfNoneMatch: "*",
        }),
      );
      return "stored";
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 409) return "exists";
      if (status === 507 || (error as Error)?.name === "XMinioStorageFull") {
        throw new StorageFullError(`the object store answered ${(error as Error).name}`, { cause: error });
      }
      throw error;
    }
  }

  private key(hash: string): string {
    return `${this.prefix}${hash}`;
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}
