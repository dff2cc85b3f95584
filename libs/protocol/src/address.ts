/** AO/Arweave ids are 43 characters of base64url; Ethereum-style signers appear as 0x + 40 hex digits. */
function isBase64UrlChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95;
}

function isHexChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

export function isAddress(value: unknown): boolean {
  if (typeof value !== "string") return false;
  if (value.length === 43) {
    for (let i = 0; i < 43; i++) if (!isBase64UrlChar(value.charCodeAt(i))) return false;
    return true;
  }
  if (value.length === 42 && value.substring(0, 2) === "0x") {
    for (let i = 2; i < 42; i++) if (!isHexChar(value.charCodeAt(i))) return false;
    return true;
  }
  return false;
}
