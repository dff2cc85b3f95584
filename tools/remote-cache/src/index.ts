export { configFromEnvironment, environmentVariables, openStorage, startRemoteCache, type RemoteCacheConfig, type RunningRemoteCache } from "./config.js";
export { isNxHash } from "./hash.js";
export { createRemoteCacheServer, defaultMaxEntryBytes, listen, type RemoteCacheServerOptions } from "./server.js";
export { DirectoryStorage } from "./storage/directory.js";
export { S3Storage, type S3StorageOptions } from "./storage/s3.js";
export { IncompleteUploadError, StorageFullError, type CacheStorage } from "./storage/storage.js";
export { hashToken, newToken, parseTokensFile, plainTokens, tokenFileLine, TokenRegistry, type Scope, type TokenHash } from "./tokens.js";
