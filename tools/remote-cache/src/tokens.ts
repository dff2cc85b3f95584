import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A read token fetches entries (laptops); a write token also uploads them, and only CI holds one. */
export type Scope = "read" | "write";

export interface TokenHash {
  scope: Scope;
  /** SHA-256 of the token: the server never needs the token itself, so a leaked tokens file grants nothing. */
  sha256: Buffer;
}

/** Below this a token can be guessed; `remote-cache new-token` makes 256-bit ones. */
export const minimumTokenLength = 20;

export function hashToken(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The tokens file's line for a token, e.g. `read sha256:9f86…`. */
export function tokenFileLine(scope: Scope, token: string): string {
  return `${scope} sha256:${hashToken(token).toString("hex")}`;
}

/**
 * Parses a tokens file: one `<read|write> sha256:<64 hex>` per line; `#` starts a comment. Throws on any other line,
 * naming it, so a typo cannot silently leave CI without its write token.
 */
export function parseTokensFile(text: string, source = "tokens file"): TokenHash[] {
  const tokens: TokenHash[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.replace(/#.*/, "").trim();
    if (line === "") return;
    const match = /^(read|write)\s+sha256:([0-9a-f]{64})$/.exec(line);
    if (!match) {
      throw new Error(`${source} line ${index + 1}: expected "read sha256:<64 hex>" or "write sha256:<64 hex>", got "${line}"`);
    }
    tokens.push({ scope: match[1] as Scope, sha256: Buffer.from(match[2], "hex") });
  });
  return tokens;
}

/** Tokens given in plain text (e.g. from environment variables), checked for length. */
export function plainTokens(scope: Scope, tokens: readonly string[]): TokenHash[] {
  return tokens.map((token) => {
    if (token.length < minimumTokenLength) {
      throw new Error(`a ${scope} token is shorter than ${minimumTokenLength} characters; make one with "remote-cache new-token"`);
    }
    return { scope, sha256: hashToken(token) };
  });
}

/**
 * Who may do what. The presented token is hashed and compared with every known hash by timingSafeEqual (no early
 * exit), so neither the comparison nor the number of comparisons tells an attacker how close a guess was.
 */
export class TokenRegistry {
  constructor(private readonly tokens: readonly TokenHash[]) {
    if (tokens.length === 0) throw new Error("no access tokens are configured: every request would be refused");
  }

  /** The scope the request's `Authorization: Bearer <token>` grants, or null for a missing or unknown token. */
  scopeOf(authorization: string | undefined): Scope | null {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    if (!match) return null;
    const presented = hashToken(match[1]);
    let scope: Scope | null = null;
    for (const token of this.tokens) {
      if (timingSafeEqual(presented, token.sha256) && scope !== "write") scope = token.scope;
    }
    return scope;
  }

  get counts(): Record<Scope, number> {
    return {
      read: this.tokens.filter((token) => token.scope === "read").length,
      write: this.tokens.filter((token) => token.scope === "write").length,
    };
  }
}
