/**
 * Publishing a static export: every file becomes an Arweave transaction (signed with the deployer's key, tagged
 * with its Content-Type), then one path manifest ties them into a site. `planDeploy` says what would happen,
 * with sizes and the gateway's price, without uploading anything.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import Arweave from "arweave";
import type { JWKInterface } from "arweave/node/lib/wallet";
import { MANIFEST_CONTENT_TYPE, buildManifest, contentTypeOf } from "./manifest";

interface PlannedFile {
  path: string;
  bytes: number;
  contentType: string;
  /** Set for a file given to the deploy rather than read from the folder (the app's config.json). */
  content?: Buffer;
}

export interface DeployPlan {
  dir: string;
  files: PlannedFile[];
  totalBytes: number;
  /** Winston, as a decimal string, or undefined when the gateway could not be asked. */
  costWinston: string | undefined;
  costAr: string | undefined;
}

export interface Deployment {
  manifestId: string;
  files: { path: string; id: string }[];
}

export function arweaveFor(gatewayUrl: string): Arweave {
  const url = new URL(gatewayUrl);
  return Arweave.init({
    host: url.hostname,
    port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
    protocol: url.protocol.replace(":", ""),
  });
}

function listFiles(dir: string): PlannedFile[] {
  const out: PlannedFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push({ path: relative(dir, full).split(sep).join("/"), bytes: statSync(full).size, contentType: contentTypeOf(name) });
    }
  };
  walk(dir);
  return out;
}

/** `extra` adds or replaces files by path, e.g. { "config.json": the network config for this deployment }. */
export async function planDeploy(dir: string, gatewayUrl: string | undefined, extra: Record<string, Buffer> = {}): Promise<DeployPlan> {
  const files = listFiles(dir).filter((f) => extra[f.path] === undefined);
  for (const [path, content] of Object.entries(extra)) files.push({ path, bytes: content.length, contentType: contentTypeOf(path), content });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (!files.some((f) => f.path === "index.html")) throw new Error(`${dir} has no index.html: build the static export first`);
  const totalBytes = files.reduce((n, f) => n + f.bytes, 0);
  let costWinston: string | undefined;
  let costAr: string | undefined;
  if (gatewayUrl !== undefined) {
    try {
      const arweave = arweaveFor(gatewayUrl);
      let total = 0n;
      const manifestBytes = JSON.stringify(buildManifest(files.map((f) => ({ path: f.path, id: "x".repeat(43) })))).length;
      for (const bytes of [...files.map((f) => f.bytes), manifestBytes]) total += BigInt(await arweave.transactions.getPrice(bytes));
      costWinston = total.toString();
      costAr = arweave.ar.winstonToAr(costWinston);
    } catch {
      costWinston = undefined;
    }
  }
  return { dir, files, totalBytes, costWinston, costAr };
}

async function upload(arweave: Arweave, jwk: JWKInterface, data: Buffer | string, contentType: string, extraTags: Record<string, string>): Promise<string> {
  const tx = await arweave.createTransaction({ data }, jwk);
  tx.addTag("Content-Type", contentType);
  for (const [name, value] of Object.entries(extraTags)) tx.addTag(name, value);
  await arweave.transactions.sign(tx, jwk);
  const uploader = await arweave.transactions.getUploader(tx);
  while (!uploader.isComplete) await uploader.uploadChunk();
  return tx.id;
}

export async function deploy(
  plan: DeployPlan,
  gatewayUrl: string,
  jwk: JWKInterface,
  options: { appName: string; onProgress?: (line: string) => void },
): Promise<Deployment> {
  const arweave = arweaveFor(gatewayUrl);
  const files: { path: string; id: string }[] = [];
  let i = 0;
  for (const f of plan.files) {
    i++;
    const id = await upload(arweave, jwk, f.content ?? readFileSync(join(plan.dir, f.path)), f.contentType, { "App-Name": options.appName });
    files.push({ path: f.path, id });
    options.onProgress?.(`[${i}/${plan.files.length}] ${f.path} (${f.bytes} bytes) → ${id}`);
  }
  const manifest = buildManifest(files);
  const manifestId = await upload(arweave, jwk, JSON.stringify(manifest), MANIFEST_CONTENT_TYPE, { "App-Name": options.appName, Type: "manifest" });
  options.onProgress?.(`manifest → ${manifestId}`);
  return { manifestId, files };
}
