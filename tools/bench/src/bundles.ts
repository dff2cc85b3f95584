/** 4. Lua bundle size per process, and how much of it is the TypeScript-to-Lua runtime library (lualib). */
import { statSync, readFileSync } from "node:fs";
import { PROCESS_NAMES, bundlePath } from "@tim3/testing";

export interface BundleSize {
  process: string;
  bytes: number;
  lualibBytes: number;
  lualibShare: number;
  modules: number;
}

/** The bundle is a table of module functions; lualib is the one named "lualib_bundle". */
function moduleSizes(lua: string): Map<string, number> {
  const starts = [...lua.matchAll(/^\["([^"]+)"\] = function\(/gm)];
  const sizes = new Map<string, number>();
  starts.forEach((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].index : lua.length;
    sizes.set(m[1], end - (m.index ?? 0));
  });
  return sizes;
}

export function benchBundles(): BundleSize[] {
  return PROCESS_NAMES.map((name) => {
    const path = bundlePath(name);
    const lua = readFileSync(path, "utf8");
    const sizes = moduleSizes(lua);
    const lualibBytes = sizes.get("lualib_bundle") ?? 0;
    const bytes = statSync(path).size;
    return { process: name, bytes, lualibBytes, lualibShare: +(lualibBytes / bytes).toFixed(3), modules: sizes.size };
  });
}
