import { randomUUID } from "node:crypto";
import { link, mkdir, open, readdir, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { IncompleteUploadError, StorageFullError, type CacheStorage } from "./storage.js";

const uploadPrefix = ".upload-";

/**
 * Entries as files named by their hash in one directory. An upload goes to a temp file in the same directory, is
 * fsynced, then hard-linked to its final name: link(2) is atomic and fails with EEXIST when the name exists, so a
 * reader sees a whole entry or none, and two uploads of one hash cannot replace each other (rename(2) would silently
 * overwrite). Temp names start with "." and hashes never contain one (src/hash.ts), so the two never meet.
 * The directory must be on a file system with hard links (any local Linux one; not FAT).
 */
export class DirectoryStorage implements CacheStorage {
  readonly description: string;

  private constructor(private readonly directory: string) {
    this.description = `directory ${directory}`;
  }

  /** Creates the directory if needed and removes temp files a crash left behind (they were never served). */
  static async open(directory: string): Promise<DirectoryStorage> {
    await mkdir(directory, { recursive: true });
    for (const name of await readdir(directory)) {
      if (name.startsWith(uploadPrefix)) await unlink(join(directory, name)).catch(() => {});
    }
    return new DirectoryStorage(directory);
  }

  async has(hash: string): Promise<boolean> {
    return (await this.size(hash)) !== null;
  }

  async get(hash: string): Promise<{ body: Readable; size: number } | null> {
    const path = join(this.directory, hash);
    // Open first, then stat the open file: the entry never changes once linked, so size and bytes agree.
    const handle = await open(path, "r").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null;
      throw error;
    });
    if (!handle) return null;
    const { size } = await handle.stat();
    return { body: handle.createReadStream(), size };
  }

  async put(hash: string, body: Readable, size: number): Promise<"stored" | "exists"> {
    const target = join(this.directory, hash);
    if (await this.has(hash)) {
      body.resume();
      return "exists";
    }
    const temp = join(this.directory, `${uploadPrefix}${hash}-${randomUUID()}`);
    try {
      const file = await open(temp, "wx");
      try {
        let received = 0;
        for await (const chunk of body as AsyncIterable<Buffer>) {
          received += chunk.length;
          await file.write(chunk);
        }
        if (received !== size) throw new IncompleteUploadError(received, size);
        await file.sync();
      } finally {
        await file.close();
      }
      try {
        await link(temp, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") return "exists";
        throw error;
      }
      await this.syncDirectory();
      return "stored";
    } catch (error) {
      throw asStorageFull(error);
    } finally {
      await unlink(temp).catch(() => {});
    }
  }

  private async size(hash: string): Promise<number | null> {
    try {
      return (await stat(join(this.directory, hash))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  /** Makes the new name durable: after a power cut an entry is there whole or not at all. */
  private async syncDirectory(): Promise<void> {
    const directory = await open(this.directory, "r");
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }
}

function asStorageFull(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ENOSPC" || code === "EDQUOT") return new StorageFullError(`${code} on the cache directory`, { cause: error });
  return error;
}
