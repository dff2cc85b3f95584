import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { configFromEnvironment } from "../src/config.js";
import { newToken, tokenFileLine, TokenRegistry } from "../src/tokens.js";
import { tempDirectory } from "./helpers.js";

const directories: string[] = [];
const tokensFile = (text: string) => {
  const directory = tempDirectory("tokens");
  directories.push(directory);
  writeFileSync(join(directory, "tokens"), text);
  return join(directory, "tokens");
};
afterAll(() => directories.forEach((directory) => rmSync(directory, { recursive: true, force: true })));

describe("configuration and tokens", () => {
  it("accepts tokens from a file of hashes, with the scope each line gives", () => {
    const ci = newToken();
    const laptop = newToken();
    const file = tokensFile(`# CI only\n${tokenFileLine("write", ci)}\n\n${tokenFileLine("read", laptop)}  # developers\n`);
    const config = configFromEnvironment({ REMOTE_CACHE_DIR: "/var/cache/nx", REMOTE_CACHE_TOKENS_FILE: file });
    const tokens = new TokenRegistry(config.tokens);
    expect(tokens.scopeOf(`Bearer ${ci}`)).toBe("write");
    expect(tokens.scopeOf(`bearer ${laptop}`)).toBe("read");
    expect(tokens.scopeOf(`Bearer ${laptop}x`)).toBeNull();
    expect(tokens.scopeOf(laptop)).toBeNull(); // not a Bearer header
    expect(tokens.scopeOf(undefined)).toBeNull();
    expect(config).toMatchObject({ host: "127.0.0.1", port: 3800, storage: { kind: "directory", directory: "/var/cache/nx" } });
  });

  it("refuses to start on a mistake, saying which", () => {
    const long = "a".repeat(32);
    expect(() => configFromEnvironment({ REMOTE_CACHE_DIR: "/c" })).toThrow(/no tokens/);
    expect(() => configFromEnvironment({ REMOTE_CACHE_DIR: "/c", REMOTE_CACHE_READ_TOKENS: "short" })).toThrow(/shorter than 20/);
    expect(() => configFromEnvironment({ REMOTE_CACHE_WRITE_TOKENS: long })).toThrow(/no storage/);
    expect(() => configFromEnvironment({ REMOTE_CACHE_DIR: "/c", REMOTE_CACHE_S3_BUCKET: "b", REMOTE_CACHE_WRITE_TOKENS: long })).toThrow(/not both/);
    expect(() => configFromEnvironment({ REMOTE_CACHE_DIR: "/c", REMOTE_CACHE_WRITE_TOKENS: long, REMOTE_CACHE_PORT: "80a" })).toThrow(/REMOTE_CACHE_PORT/);
    const file = tokensFile("write sha256:abc\n");
    expect(() => configFromEnvironment({ REMOTE_CACHE_DIR: "/c", REMOTE_CACHE_TOKENS_FILE: file })).toThrow(/line 1: expected/);
  });

  it("reads S3 settings for S3, R2 or MinIO", () => {
    const config = configFromEnvironment({
      REMOTE_CACHE_S3_BUCKET: "nx-cache",
      REMOTE_CACHE_S3_ENDPOINT: "http://127.0.0.1:9000",
      REMOTE_CACHE_S3_REGION: "auto",
      REMOTE_CACHE_S3_FORCE_PATH_STYLE: "true",
      REMOTE_CACHE_S3_PREFIX: "team/",
      REMOTE_CACHE_WRITE_TOKENS: "b".repeat(32),
    });
    expect(config.storage).toEqual({ kind: "s3", bucket: "nx-cache", endpoint: "http://127.0.0.1:9000", region: "auto", forcePathStyle: true, prefix: "team/" });
  });
});
