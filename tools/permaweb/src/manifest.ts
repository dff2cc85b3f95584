/** Arweave path manifests (arweave/paths 0.2.0): how a folder of files becomes one addressable site. */
import { lookup } from "mime-types";

export const MANIFEST_CONTENT_TYPE = "application/x.arweave-manifest+json";

export interface PathManifest {
  manifest: "arweave/paths";
  version: "0.2.0";
  index: { path: string };
  fallback?: { id: string };
  paths: Record<string, { id: string }>;
}

export function contentTypeOf(path: string): string {
  return lookup(path) || "application/octet-stream";
}

export function buildManifest(files: { path: string; id: string }[], fallbackPath = "404.html"): PathManifest {
  const paths: Record<string, { id: string }> = {};
  for (const f of files) paths[f.path] = { id: f.id };
  const manifest: PathManifest = { manifest: "arweave/paths", version: "0.2.0", index: { path: "index.html" }, paths };
  if (paths[fallbackPath] !== undefined) manifest.fallback = { id: paths[fallbackPath].id };
  return manifest;
}

/** The file a request path names in a manifest: exact, then as a folder's index.html (trailing-slash exports). */
export function resolvePath(manifest: PathManifest, requestPath: string): string | undefined {
  const path = decodeURIComponent(requestPath.replace(/^\/+/, "").split("?")[0]);
  if (path === "") return manifest.paths[manifest.index.path]?.id;
  const candidates = [path, path.replace(/\/$/, "") + "/index.html", path + ".html"];
  for (const c of candidates) if (manifest.paths[c] !== undefined) return manifest.paths[c].id;
  return manifest.fallback?.id;
}
