import { appConfigSchema } from "@tim3/protocol/schemas";
import { describe, expect, it } from "vitest";
import { errorText, parseNetworkConfig as parseConfig } from "../src/config";

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
  it("gives back what the contract's appConfigSchema accepts, and refuses what it refuses", () => {
    for (const raw of [good, { ...good, network: "mainnet", devnet: false, usdaForm: "blueprint", usdaAuthorities: [id("s")], refreshMs: 2000 }, { ...good, urls: { nodeUrl: good.urls.nodeUrl } }]) {
      const r = parseConfig(raw);
      if (!r.ok) throw new Error(r.error);
      expect(appConfigSchema.parse(r.config)).toEqual(r.config);
    }
    for (const bad of [{ ...good, usdaForm: "trie" }, { ...good, usdaAuthorities: ["node"] }, { ...good, usdaAuthorities: [] }, { ...good, urls: {} }, { ...good, processes: { ...good.processes, usda: undefined } }]) {
      expect(parseConfig(bad).ok).toBe(false);
      expect(appConfigSchema.safeParse({ ...bad, devnet: true, refreshMs: 5000 }).success).toBe(false);
    }
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

describe("errorText", () => {
  it("tells a holder refused by a charging node whom to top up, where and how (the SDK's Node-Credit)", () => {
    const address = "h".repeat(43);
    const nodeUrl = "https://push.example";
    const balanceUrl = `${nodeUrl}/ledger~node-process@1.0/now/balance/${address}`;
    const refused = Object.assign(new Error("Pushing a message: HTTP 402"), { code: "Node-Credit", payment: { address, nodeUrl, balanceUrl } });
    const text = errorText(refused);
    expect(text).toContain(`your wallet ${address} has no credit there`);
    expect(text).toContain("ledger~node-process@1.0");
    expect(text).toContain(`AO_URL=${nodeUrl} aos --topup`);
    expect(text).toContain(balanceUrl);
    expect(errorText(new Error("plain"))).toBe("plain");
  });
});
