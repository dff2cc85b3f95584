import { configFromEnvironment, environmentVariables, startRemoteCache } from "./config.js";
import { minimumTokenLength, newToken, tokenFileLine, TokenRegistry, type Scope } from "./tokens.js";

const usage = `tim3-remote-cache: a self-hosted Nx remote cache (NX_SELF_HOSTED_REMOTE_CACHE_SERVER, Nx >= 20.8)

  serve                 run the server, configured by environment variables (see tools/remote-cache/README.md):
                        ${environmentVariables.directory} or ${environmentVariables.s3Bucket} (+ _S3_ENDPOINT, _S3_REGION, _S3_PREFIX,
                        _S3_FORCE_PATH_STYLE), ${environmentVariables.tokensFile} or ${environmentVariables.readTokens} /
                        ${environmentVariables.writeTokens}, ${environmentVariables.host} (127.0.0.1), ${environmentVariables.port} (3800),
                        ${environmentVariables.maxEntryBytes}
  new-token read|write  print a new random token and the line for the tokens file (which holds only its SHA-256)
  hash-token read|write print the tokens-file line for a token read from standard input
`;

async function main(args: string[]): Promise<number> {
  const [command = "serve", scopeArgument] = args;
  if (command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(usage);
    return 0;
  }
  if (command === "new-token" || command === "hash-token") {
    if (scopeArgument !== "read" && scopeArgument !== "write") {
      process.stderr.write(`${command} needs a scope: read (laptops) or write (CI only)\n`);
      return 2;
    }
    const scope: Scope = scopeArgument;
    if (command === "new-token") {
      const token = newToken();
      process.stdout.write(`token (give it to ${scope === "write" ? "CI only, as a secret" : "developers"}): ${token}\n`);
      process.stdout.write(`tokens file line: ${tokenFileLine(scope, token)}\n`);
    } else {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      const token = Buffer.concat(chunks).toString("utf8").trim();
      if (token.length < minimumTokenLength) {
        process.stderr.write(`hash-token reads the token from standard input; it must be at least ${minimumTokenLength} characters ("new-token" makes one)\n`);
        return 2;
      }
      process.stdout.write(`${tokenFileLine(scope, token)}\n`);
    }
    return 0;
  }
  if (command !== "serve") {
    process.stderr.write(`unknown command "${command}"\n\n${usage}`);
    return 2;
  }

  let config;
  try {
    config = configFromEnvironment(process.env);
  } catch (error) {
    process.stderr.write(`remote-cache: ${(error as Error).message}\n`);
    return 2;
  }
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const cache = await startRemoteCache(config, { log });
  const counts = new TokenRegistry(config.tokens).counts;
  log(`serving the Nx remote cache at ${cache.url} from ${cache.storage.description} (${counts.read} read, ${counts.write} write tokens)`);
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
  });
  await cache.close();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
