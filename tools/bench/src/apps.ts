/**
 * 6. The site's and admin console's first-load JavaScript: the scripts index.html loads, gzipped. A `noModule` script
 * (Next's polyfills for browsers without ES modules) is never fetched by a browser that runs modules, which every
 * browser able to run the apps does: it is reported on its own, not counted.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface AppSize {
  app: string;
  built: boolean;
  scripts: number;
  rawBytes: number;
  gzipBytes: number;
  /** The `noModule` scripts' gzip size (legacy browsers only). */
  noModuleGzipBytes: number;
  withinGoal: boolean;
}

const FIRST_LOAD_GOAL_BYTES = 200 * 1024;

export function benchApps(root: string): AppSize[] {
  return ["site", "admin"].map((app) => {
    const out = join(root, "apps", app, "out");
    const index = join(out, "index.html");
    if (!existsSync(index)) return { app, built: false, scripts: 0, rawBytes: 0, gzipBytes: 0, noModuleGzipBytes: 0, withinGoal: false };
    const html = readFileSync(index, "utf8");
    const tags = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"[^>]*>/g)];
    const srcs = [...new Set(tags.filter((m) => !/\snoModule/i.test(m[0])).map((m) => m[1]))];
    const noModule = [...new Set(tags.filter((m) => /\snoModule/i.test(m[0])).map((m) => m[1]))];
    const gzipOf = (src: string) => {
      const file = join(out, src.replace(/^\//, ""));
      if (!existsSync(file)) return { raw: 0, gzip: 0 };
      const body = readFileSync(file);
      return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
    };
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const src of srcs) {
      const size = gzipOf(src);
      rawBytes += size.raw;
      gzipBytes += size.gzip;
    }
    const noModuleGzipBytes = noModule.reduce((t, src) => t + gzipOf(src).gzip, 0);
    return { app, built: true, scripts: srcs.length, rawBytes, gzipBytes, noModuleGzipBytes, withinGoal: gzipBytes <= FIRST_LOAD_GOAL_BYTES };
  });
}
