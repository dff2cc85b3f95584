/**
 * The devnet's built-in dev wallet: an RSA-4096 Arweave key made and kept in this browser (localStorage), offered
 * through the same calls as Wander (connect, getActiveAddress, signDataItem, …) so the SDK's browserSigner works
 * with either. It signs ANS-104 data items with WebCrypto (RSA-PSS, SHA-256, salt 32) over the ANS-104 deep hash.
 * Devnet only: the key never leaves the page, and nothing of value should ever be held by it.
 */

export interface JwkKey {
  kty: string;
  n: string;
  e: string;
  d?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
}

export interface DataItemInput {
  data?: string | Uint8Array | ArrayBuffer;
  tags?: { name: string; value: string }[];
  target?: string;
  anchor?: string;
}

const enc = new TextEncoder();

export function b64uToBytes(s: string): Uint8Array<ArrayBuffer> {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  const bin = globalThis.atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToB64u(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return globalThis.btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function sha(alg: "SHA-256" | "SHA-384", data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(alg, data as Uint8Array<ArrayBuffer>));
}

type DeepHashChunk = Uint8Array | DeepHashChunk[];

/** Arweave's deep hash (SHA-384), as ANS-104 signs it. */
export async function deepHash(chunk: DeepHashChunk): Promise<Uint8Array> {
  if (Array.isArray(chunk)) {
    let acc = await sha("SHA-384", enc.encode(`list${chunk.length}`));
    for (const c of chunk) acc = await sha("SHA-384", concat([acc, await deepHash(c)]));
    return acc;
  }
  const tag = await sha("SHA-384", enc.encode(`blob${chunk.length}`));
  return sha("SHA-384", concat([tag, await sha("SHA-384", chunk)]));
}

/** Avro zig-zag varint (a long), as ANS-104 tags use. */
function avroLong(n: number): number[] {
  let m = n * 2;
  const out: number[] = [];
  do {
    let byte = m % 128;
    m = Math.floor(m / 128);
    if (m > 0) byte |= 0x80;
    out.push(byte);
  } while (m > 0);
  return out;
}

/** Tags as an Avro array of {name, value} strings; no tags → no bytes. */
export function serializeTags(tags: { name: string; value: string }[]): Uint8Array {
  if (tags.length === 0) return new Uint8Array(0);
  const parts: Uint8Array[] = [new Uint8Array(avroLong(tags.length))];
  for (const t of tags) {
    for (const s of [t.name, t.value]) {
      const b = enc.encode(s);
      parts.push(new Uint8Array(avroLong(b.length)), b);
    }
  }
  parts.push(new Uint8Array([0]));
  return concat(parts);
}

function le(n: number, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let rest = n;
  for (let i = 0; i < bytes; i++) {
    out[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return out;
}

function dataBytes(data: DataItemInput["data"]): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  if (typeof data === "string") return enc.encode(data);
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

/** A signed ANS-104 data item (signature type 1, Arweave) as raw bytes, and its id. */
export async function signDataItem(jwk: JwkKey, item: DataItemInput): Promise<{ raw: Uint8Array; id: string }> {
  const owner = b64uToBytes(jwk.n);
  if (owner.length !== 512) throw new Error("The dev wallet needs an RSA-4096 key");
  const target = item.target ? b64uToBytes(item.target) : new Uint8Array(0);
  if (target.length !== 0 && target.length !== 32) throw new Error("Target must be 32 bytes");
  const anchor = item.anchor ? enc.encode(item.anchor) : new Uint8Array(0);
  if (anchor.length !== 0 && anchor.length !== 32) throw new Error("Anchor must be 32 bytes");
  const tags = item.tags ?? [];
  const rawTags = serializeTags(tags);
  const data = dataBytes(item.data);
  const message = await deepHash([enc.encode("dataitem"), enc.encode("1"), enc.encode("1"), owner, target, anchor, rawTags, data]);
  const key = await globalThis.crypto.subtle.importKey("jwk", { ...jwk, alg: "PS256", ext: true } as JsonWebKey, { name: "RSA-PSS", hash: "SHA-256" }, false, ["sign"]);
  const signature = new Uint8Array(await globalThis.crypto.subtle.sign({ name: "RSA-PSS", saltLength: 32 }, key, message as Uint8Array<ArrayBuffer>));
  const raw = concat([
    le(1, 2),
    signature,
    owner,
    new Uint8Array([target.length ? 1 : 0]),
    target,
    new Uint8Array([anchor.length ? 1 : 0]),
    anchor,
    le(tags.length, 8),
    le(rawTags.length, 8),
    rawTags,
    data,
  ]);
  return { raw, id: bytesToB64u(await sha("SHA-256", signature)) };
}

export async function generateDevKey(): Promise<JwkKey> {
  const pair = await globalThis.crypto.subtle.generateKey(
    { name: "RSA-PSS", modulusLength: 4096, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  );
  const jwk = (await globalThis.crypto.subtle.exportKey("jwk", pair.privateKey)) as JwkKey;
  return { kty: jwk.kty, n: jwk.n, e: jwk.e, d: jwk.d, p: jwk.p, q: jwk.q, dp: jwk.dp, dq: jwk.dq, qi: jwk.qi };
}

export async function addressOf(jwk: Pick<JwkKey, "n">): Promise<string> {
  return bytesToB64u(await sha("SHA-256", b64uToBytes(jwk.n)));
}

/** The subset of the Wander (window.arweaveWallet) API the site and aoconnect use. */
export interface WanderLike {
  connect(permissions: string[], appInfo?: { name?: string; logo?: string }): Promise<void>;
  disconnect(): Promise<void>;
  getActiveAddress(): Promise<string>;
  getPermissions(): Promise<string[]>;
  getActivePublicKey(): Promise<string>;
  signDataItem(item: DataItemInput): Promise<ArrayBuffer>;
}

/** A Wander-shaped wallet over a JWK held in the page. */
export function devWallet(jwk: JwkKey): WanderLike {
  let address: Promise<string> | undefined;
  let permissions: string[] = [];
  return {
    async connect(p) {
      permissions = Array.from(new Set([...permissions, ...p]));
    },
    async disconnect() {
      permissions = [];
    },
    getActiveAddress: () => (address ??= addressOf(jwk)),
    async getPermissions() {
      return permissions;
    },
    async getActivePublicKey() {
      return jwk.n;
    },
    async signDataItem(item) {
      const { raw } = await signDataItem(jwk, item);
      return raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength) as ArrayBuffer;
    },
  };
}
