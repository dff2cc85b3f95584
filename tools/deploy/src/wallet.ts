/** Arweave JWK key files: read one, or generate and save one (mode 0600) for the devnet. */
import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { rsaJwk, type ArweaveJwk } from "@tim3/sdk";

export function generateJwk(): ArweaveJwk {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 4096, publicExponent: 65537 });
  return rsaJwk(privateKey.export({ format: "jwk" }) as ArweaveJwk);
}

export function readJwk(path: string): ArweaveJwk {
  let jwk: ArweaveJwk;
  try {
    jwk = JSON.parse(readFileSync(path, "utf8")) as ArweaveJwk;
  } catch (e) {
    throw new Error(`cannot read the key file ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (jwk.kty !== "RSA" || typeof jwk.n !== "string" || typeof jwk.d !== "string") throw new Error(`${path} is not an Arweave RSA key (JWK)`);
  return jwk;
}

/** The key at `path`, generated first if there is none. */
export function ensureJwk(path: string): { jwk: ArweaveJwk; created: boolean } {
  if (existsSync(path)) return { jwk: readJwk(path), created: false };
  const jwk = generateJwk();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(jwk), { mode: 0o600 });
  return { jwk, created: true };
}
