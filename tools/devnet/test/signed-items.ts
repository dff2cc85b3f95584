/** What the devnet tests send over HTTP as a client would: signed ANS-104 items (arbundles, as aoconnect builds them). */
import { ArweaveSigner, createData } from "@dha-team/arbundles";
import type { generateJwk } from "@tim3/deploy";

/** A data item signed by `jwk`, as raw bytes. */
export async function signedItem(jwk: ReturnType<typeof generateJwk>, target: string, tags: Record<string, string>, data = ""): Promise<Buffer> {
  const signer = new ArweaveSigner(jwk as never);
  const item = createData(data, signer, { target, tags: Object.entries(tags).map(([name, value]) => ({ name, value })) });
  await item.sign(signer);
  return Buffer.from(item.getRaw());
}

/** POSTs an item's bytes to the node as aoconnect does (`application/ans104`). */
export async function postItem(nodeUrl: string, path: string, body: Buffer): Promise<{ status: number; text: string }> {
  const r = await fetch(`${nodeUrl}${path}`, { method: "POST", headers: { "Content-Type": "application/ans104" }, body });
  return { status: r.status, text: await r.text() };
}
