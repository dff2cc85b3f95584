/**
 * Signed ANS-104 data items as the devnet node receives them from @permaweb/aoconnect (MODE "mainnet" posts every
 * request as one, `Content-Type: application/ans104`). Parsing and signature checks are @dha-team/arbundles' own
 * (the library aoconnect signs with); nothing here does cryptography beyond hashing a public key into an address.
 */
import { createHash } from "node:crypto";
import { DataItem } from "@dha-team/arbundles";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SignedItem {
  id: string;
  /** The signer's address: base64url(sha256(public key)), as Arweave and AO derive it. */
  owner: string;
  target: string;
  anchor: string;
  tags: { name: string; value: string }[];
  data: string;
}

/**
 * Request parameters aoconnect's request layer signs into the item (and dev_push's `push-mode`); they steer the HTTP
 * exchange, not the process.
 */
const TRANSPORT_TAGS = new Set(["signing-format", "accept-bundle", "accept-codec", "require-codec", "push-mode"]);

export function tagsToRecord(tags: { name: string; value: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags) if (!TRANSPORT_TAGS.has(t.name.toLowerCase())) out[t.name] = t.value;
  return out;
}

/**
 * Parses and verifies a signed data item. Anything that is not a well-formed item with a valid signature over
 * exactly these bytes (tampered, unsigned, truncated) is refused with 400 and a reason.
 */
export async function verifySignedItem(body: Buffer): Promise<SignedItem> {
  if (body.length < 80) throw new HttpError(400, "the request body is not a signed ANS-104 data item (sign it: aoconnect createSigner)");
  let item: DataItem;
  try {
    item = new DataItem(body);
  } catch (e) {
    throw new HttpError(400, `the request body is not an ANS-104 data item: ${e instanceof Error ? e.message : String(e)}`);
  }
  let valid = false;
  try {
    // verify() checks the layout and the signature over exactly these bytes (isSigned() only looks at a local flag).
    valid = await DataItem.verify(body);
  } catch {
    valid = false;
  }
  if (!valid) throw new HttpError(400, "invalid data item signature: the item is unsigned or was changed after signing");
  return {
    id: item.id,
    owner: createHash("sha256").update(item.rawOwner).digest("base64url"),
    target: item.target,
    anchor: item.anchor,
    tags: item.tags,
    data: item.rawData.toString("utf8"),
  };
}
