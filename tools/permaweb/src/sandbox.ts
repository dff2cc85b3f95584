/** ar.io-style sandbox subdomains: base32 (RFC 4648, lower case, no padding) of the 32 id bytes. */
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

export function sandboxOf(id: string): string {
  const bytes = Buffer.from(id, "base64url");
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}
