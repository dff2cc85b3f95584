/** 6. The site's and admin console's first-load JavaScript: the scripts index.html loads, gzipped. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface AppSize {
  app: string;
  built: boolean;
  scripts: number;
  rawBytes: number;
  gzipBytes: number;
  withinGoal: boolean;
}

export const FIRST_LOAD_GOAL_BYTES = 200 * 1024;

export function benchApps(root: string): AppSize[] {
  return ["site", "admin"].map((app) => {
    const out = join(root, "apps", app, "out");
    const index = join(out, "index.html");
    if (!existsSync(index)) return { app, built: false, scripts: 0, rawBytes: 0, gzipBytes: 0, withinGoal: false };
    const html = readFileSync(index, "utf8");
    const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]))];
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const src of srcs) {
      const file = join(out, src.replace(/^\//, ""));
      if (!existsSync(file)) continue;
      const body = readFileSync(file);
      rawBytes += body.length;
      gzipBytes += gzipSync(body, { level: 9 }).length;
    }
    return { app, built: true, scripts: srcs.length, rawBytes, gzipBytes, withinGoal: gzipBytes <= FIRST_LOAD_GOAL_BYTES };
  });
}
