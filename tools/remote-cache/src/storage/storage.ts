import type { Readable } from "node:stream";

/**
 * Where cache entries live. Every backend keeps two promises, which the server's tests check on each of them:
 * - an entry is served only once its whole body arrived (an upload cut off midway leaves nothing to serve), and
 * - an entry, once stored, is never replaced (a second upload of the same hash answers "exists").
 * Entries are opaque bytes: Nx's gzipped tar of a task's outputs, terminal output and exit code.
 */
export interface CacheStorage {
  /** A short description for the start-up line, e.g. "directory /var/cache/nx". */
  readonly description: string;
  has(hash: string): Promise<boolean>;
  /** The entry's bytes and length, or null when there is none. */
  get(hash: string): Promise<{ body: Readable; size: number } | null>;
  /**
   * Stores `body`, which the server has already bounded to `size` bytes. Rejects with IncompleteUploadError when the
   * body ends before `size` bytes, with StorageFullError when the store has no room; nothing is stored then.
   */
  put(hash: string, body: Readable, size: number): Promise<"stored" | "exists">;
}

/** The client stopped sending before Content-Length bytes arrived. */
export class IncompleteUploadError extends Error {
  constructor(received: number, expected: number) {
    super(`upload ended after ${received} of ${expected} bytes; nothing was stored`);
    this.name = "IncompleteUploadError";
  }
}

/** The disk or bucket has no room (ENOSPC, MinIO's XMinioStorageFull). Answered with 507 Insufficient Storage. */
export class StorageFullError extends Error {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`the cache's storage is full (${detail}); nothing was stored`, options);
    this.name = "StorageFullError";
  }
}
