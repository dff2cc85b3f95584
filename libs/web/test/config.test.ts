import { describe, expect, it } from "vitest";
import { parseNetworkConfig as parseConfig } from "../src/config";

const id = (c: string) => c.repeat(43);
const good = {
  network: "local",
  urls: { nodeUrl: "http://127.0.0.1:4000", scheduler: "S".repeat(43) },
  processes: { usda: id("a"), tokenManager: id("b"), lockManager: id("c"), coordinator: id("d"), stateManager: id("e") },
};

describe("parseNetworkConfig", () => {
  it("accepts the config written from the deploy state, with defaults", () => {
    const r = parseConfig(good);
    expect(r.ok && r.config).toMatchObject({ network: "local", devnet: true, refreshMs: 5000, processes: good.processes });
    const main = parseConfig({ ...good, network: "mainnet", refreshMs: 10000 });
    expect(main.ok && main.config.devnet).toBe(false);
    expect(main.ok && main.config.refreshMs).toBe(10000);
  });
  it("names what is wrong", () => {
    expect(parseConfig(null)).toEqual({ ok: false, error: "config.json is not a JSON object" });
    expect(parseConfig({ ...good, urls: { ...good.urls, nodeUrl: "ftp://x" } })).toEqual({ ok: false, error: "config.json: urls.nodeUrl must be an http(s) URL" });
    expect(parseConfig({ ...good, processes: { ...good.processes, coordinator: "nope" } })).toEqual({
      ok: false,
      error: "config.json: processes.coordinator must be a process id",
    });
  });
});
