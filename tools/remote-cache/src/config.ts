import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { createRemoteCacheServer, defaultMaxEntryBytes, listen } from "./server.js";
import { DirectoryStorage } from "./storage/directory.js";
import { S3Storage, type S3StorageOptions } from "./storage/s3.js";
import type { CacheStorage } from "./storage/storage.js";
import { parseTokensFile, plainTokens, TokenRegistry, type TokenHash } from "./tokens.js";

export interface RemoteCacheConfig {
  host: string;
  port: number;
  maxEntryBytes: number;
  storage: { kind: "directory"; directory: string } | ({ kind: "s3" } & S3StorageOptions);
  tokens: TokenHash[];
}

/** The environment variables the server reads; the README's table lists the same. */
export const environmentVariables = {
  host: "REMOTE_CACHE_HOST",
  port: "REMOTE_CACHE_PORT",
  maxEntryBytes: "REMOTE_CACHE_MAX_ENTRY_BYTES",
  directory: "REMOTE_CACHE_DIR",
  s3Bucket: "REMOTE_CACHE_S3_BUCKET",
  s3Prefix: "REMOTE_CACHE_S3_PREFIX",
  s3Endpoint: "REMOTE_CACHE_S3_ENDPOINT",
  s3Region: "REMOTE_CACHE_S3_REGION",
  s3ForcePathStyle: "REMOTE_CACHE_S3_FORCE_PATH_STYLE",
  readTokens: "REMOTE_CACHE_READ_TOKENS",
  writeTokens: "REMOTE_CACHE_WRITE_TOKENS",
  tokensFile: "REMOTE_CACHE_TOKENS_FILE",
} as const;

const defaultPort = 3800;

/** Reads the configuration; throws one clear sentence for each mistake, before anything listens. */
export function configFromEnvironment(env: NodeJS.ProcessEnv): RemoteCacheConfig {
  const names = environmentVariables;
  const list = (name: string) => (env[name] ?? "").split(",").map((token) => token.trim()).filter((token) => token !== "");
  const tokens = [...plainTokens("read", list(names.readTokens)), ...plainTokens("write", list(names.writeTokens))];
  const tokensFile = env[names.tokensFile];
  if (tokensFile) tokens.push(...parseTokensFile(readFileSync(tokensFile, "utf8"), tokensFile));
  if (tokens.length === 0) {
    throw new Error(`no tokens: set ${names.tokensFile} (lines "read sha256:<hex>" / "write sha256:<hex>") or ${names.readTokens} / ${names.writeTokens}`);
  }

  const bucket = env[names.s3Bucket];
  const directory = env[names.directory];
  if (bucket && directory) throw new Error(`set ${names.directory} or ${names.s3Bucket}, not both`);
  if (!bucket && !directory) throw new Error(`no storage: set ${names.directory} (a directory) or ${names.s3Bucket} (an S3-compatible bucket)`);

  return {
    host: env[names.host] ?? "127.0.0.1",
    port: integer(env, names.port, defaultPort),
    maxEntryBytes: integer(env, names.maxEntryBytes, defaultMaxEntryBytes),
    storage: bucket
      ? {
          kind: "s3",
          bucket,
          prefix: env[names.s3Prefix],
          endpoint: env[names.s3Endpoint],
          region: env[names.s3Region] ?? env.AWS_REGION,
          forcePathStyle: env[names.s3ForcePathStyle] === "true",
        }
      : { kind: "directory", directory: directory! },
    tokens,
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, got "${value}"`);
  return Number(value);
}

export async function openStorage(config: RemoteCacheConfig["storage"]): Promise<CacheStorage> {
  if (config.kind === "directory") return DirectoryStorage.open(config.directory);
  return new S3Storage(config);
}

export interface RunningRemoteCache {
  /** What NX_SELF_HOSTED_REMOTE_CACHE_SERVER is set to. */
  url: string;
  server: Server;
  storage: CacheStorage;
  close(): Promise<void>;
}

export async function startRemoteCache(
  config: RemoteCacheConfig,
  options: { log?: (line: string) => void; storage?: CacheStorage } = {},
): Promise<RunningRemoteCache> {
  const storage = options.storage ?? (await openStorage(config.storage));
  const server = createRemoteCacheServer({ storage, tokens: new TokenRegistry(config.tokens), maxEntryBytes: config.maxEntryBytes, log: options.log });
  const url = await listen(server, config.port, config.host);
  return {
    url,
    server,
    storage,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
