/**
 * The Next.js config both apps build with: a static export (out/, served with /config.json beside it), no image
 * optimisation (so no sharp), and the workspace root for Turbopack and file tracing (pnpm's symlinks point there).
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const workspaceRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** @param {import("next").NextConfig} [extra] what an app adds or overrides */
export function appNextConfig(extra = {}) {
  return {
    output: "export",
    trailingSlash: true,
    images: { unoptimized: true },
    reactStrictMode: true,
    poweredByHeader: false,
    // `typecheck` and `lint` are their own Nx targets; the build does not repeat them.
    typescript: { ignoreBuildErrors: true },
    turbopack: { root: workspaceRoot },
    outputFileTracingRoot: workspaceRoot,
    ...extra,
  };
}
