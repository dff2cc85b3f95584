/**
 * `@tim3/sdk/reads` is what an app loads before anything else to show balances: it must not pull in aoconnect or the
 * signing stack (arbundles), which are most of the SDK's JavaScript in a browser.
 */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const entry = fileURLToPath(new URL("../src/reader.ts", import.meta.url));

describe("@tim3/sdk/reads", () => {
  it("bundles without aoconnect, arbundles or any Node built-in", async () => {
    const out = await build({ entryPoints: [entry], bundle: true, write: false, format: "esm", platform: "browser", metafile: true, logLevel: "silent", conditions: ["@tim3/source"] });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.some((p) => p.includes("src/reader.ts"))).toBe(true);
    expect(inputs.filter((p) => /aoconnect|arbundles|ao-core-libs|node_modules\/arweave\//.test(p))).toEqual([]);
  });
});
