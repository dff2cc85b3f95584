import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DeployState } from "@tim3/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { consoleConfig, siteConfig, writeConfigCli } from "../node/index.mjs";
import { hasUsdaFaucet, parseNetworkConfig } from "../src/config";

const id = (c: string) => c.repeat(43);
/** A whole deploy state, as libs/protocol's DeployState declares it (the writers validate it with deployStateSchema). */
const state: DeployState = {
  network: "local",
  urls: { nodeUrl: "http://127.0.0.1:4000", scheduler: id("s") },
  module: id("m"),
  scheduler: id("s"),
  authority: id("s"),
  admin: id("z"),
  processes: {
    usda: { id: id("a"), name: "mock-usda", version: "1.0.0", bundleHash: "h1" },
    tokenManager: { id: id("b"), name: "token-manager", version: "1.0.0", bundleHash: "h2" },
    lockManager: { id: id("c"), name: "lock-manager", version: "1.0.0", bundleHash: "h3" },
    coordinator: { id: id("d"), name: "coordinator", version: "1.0.0", bundleHash: "h4" },
    stateManager: { id: id("e"), name: "state-manager", version: "1.0.0", bundleHash: "h5" },
  },
  updatedAt: "2026-11-26T06:00:00.000Z",
};

describe("siteConfig / consoleConfig", () => {
  it("writes what the apps' parser accepts, from the deploy state", () => {
    const site = siteConfig(state);
    expect(site).toEqual({
      network: "local",
      devnet: true,
      urls: state.urls,
      processes: { usda: id("a"), tokenManager: id("b"), lockManager: id("c"), coordinator: id("d"), stateManager: id("e") },
      refreshMs: 5000,
    });
    const parsed = parseNetworkConfig(JSON.parse(JSON.stringify(site)));
    expect(parsed.ok && parsed.config).toEqual(site);
  });

  it("passes on how the USDA publishes (the deploy state's usdaForm), which the parser keeps and checks", () => {
    const site = siteConfig({ ...state, usdaForm: "blueprint" });
    expect(site.usdaForm).toBe("blueprint");
    const parsed = parseNetworkConfig(JSON.parse(JSON.stringify(site)));
    expect(parsed.ok && parsed.config.usdaForm).toBe("blueprint");
    expect(parseNetworkConfig({ ...site, usdaForm: "trie" })).toEqual({ ok: false, error: 'config.json: usdaForm must be "tim3" or "blueprint"' });
  });

  it("passes on USDA's authorities (the deploy state's usdaAuthorities) for the console's verdict read; a state from before has none", () => {
    const site = siteConfig({ ...state, usdaAuthorities: [id("s"), id("g")] });
    expect(site.usdaAuthorities).toEqual([id("s"), id("g")]);
    expect(consoleConfig({ ...state, usdaAuthorities: [id("s")] }).usdaAuthorities).toEqual([id("s")]);
    const parsed = parseNetworkConfig(JSON.parse(JSON.stringify(site)));
    expect(parsed.ok && parsed.config.usdaAuthorities).toEqual([id("s"), id("g")]);
    expect(siteConfig(state)).not.toHaveProperty("usdaAuthorities");
    for (const bad of [[], ["node"], id("s")]) {
      expect(parseNetworkConfig({ ...site, usdaAuthorities: bad })).toEqual({ ok: false, error: "config.json: usdaAuthorities must be a list of addresses" });
    }
  });

  it("offers the faucet only on a devnet whose USDA is TIM3's mock (the tim3 form), never for a blueprint USDA", () => {
    const parsed = (s: DeployState) => {
      const r = parseNetworkConfig(JSON.parse(JSON.stringify(siteConfig(s))));
      if (!r.ok) throw new Error(r.error);
      return r.config;
    };
    expect(hasUsdaFaucet(parsed({ ...state, usdaForm: "tim3" }))).toBe(true);
    expect(hasUsdaFaucet(parsed({ ...state, usdaForm: "blueprint" }))).toBe(false);
    expect(hasUsdaFaucet(parsed({ ...state, network: "mainnet", usdaForm: "tim3" }))).toBe(false);
    // A config.json that does not say how the USDA publishes: no faucet promised.
    expect(hasUsdaFaucet(parsed(state))).toBe(false);
  });

  it("takes the running devnet's URLs over the state file's", () => {
    const running = { urls: { nodeUrl: "http://127.0.0.1:4999", scheduler: id("t") } };
    expect(siteConfig(state, running, 2000)).toMatchObject({ urls: running.urls, refreshMs: 2000 });
  });

  it("is not a devnet on mainnet", () => {
    expect(siteConfig({ ...state, network: "mainnet" }).devnet).toBe(false);
  });

  it("refuses a state without one of the processes", () => {
    const { coordinator: _gone, ...rest } = state.processes;
    expect(() => siteConfig({ ...state, processes: rest })).toThrow("the deploy state has no coordinator process");
  });

  it("refuses a state the contract's deployStateSchema refuses, naming what is wrong", () => {
    expect(() => siteConfig({ ...state, usdaForm: "trie" } as unknown as DeployState)).toThrow(/^the deploy state is not valid: usdaForm: /);
    const { admin: _admin, ...noAdmin } = state;
    expect(() => consoleConfig(noAdmin as DeployState)).toThrow(/^the deploy state is not valid: admin: Required/);
  });

  it("adds the deployment record for the console", () => {
    const c = consoleConfig(state);
    expect(c.deployment.admin).toBe(id("z"));
    expect(c.deployment.processes.usda).toEqual({ id: id("a"), name: "mock-usda", version: "1.0.0", bundleHash: "h1", external: false });
    expect(c.deployment.processes.coordinator.name).toBe("coordinator");
    expect(consoleConfig({ ...state, processes: { ...state.processes, usda: { ...state.processes.usda!, external: true } } }).deployment.processes.usda.external).toBe(true);
  });
});

describe("writeConfigCli", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "web-config-"));
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes public/config.json, and out/config.json once a build exists", () => {
    const app = join(dir, "apps", "site");
    mkdirSync(join(app, "out"), { recursive: true });
    const stateFile = join(dir, "deploy-state.json");
    writeFileSync(stateFile, JSON.stringify(state));
    expect(writeConfigCli({ appDir: app, kind: "console", argv: ["--state", stateFile, "--refresh-ms", "3000"] })).toBe(0);
    const written = JSON.parse(readFileSync(join(app, "public", "config.json"), "utf8"));
    expect(written).toEqual(consoleConfig(state, undefined, 3000));
    expect(JSON.parse(readFileSync(join(app, "out", "config.json"), "utf8"))).toEqual(written);
  });

  it("reads the running devnet's ports from devnet.json beside the state", () => {
    const app = join(dir, "apps", "site");
    const stateFile = join(dir, "deploy-state.json");
    writeFileSync(stateFile, JSON.stringify(state));
    writeFileSync(join(dir, "devnet.json"), JSON.stringify({ urls: { nodeUrl: "http://127.0.0.1:4777" } }));
    expect(writeConfigCli({ appDir: app, kind: "site", argv: ["--state", stateFile] })).toBe(0);
    expect(JSON.parse(readFileSync(join(app, "public", "config.json"), "utf8")).urls.nodeUrl).toBe("http://127.0.0.1:4777");
  });

  it("fails with exit code 1 and writes nothing without a deploy state", () => {
    const app = join(dir, "apps", "site");
    expect(writeConfigCli({ appDir: app, kind: "site", argv: ["--state", join(dir, "missing.json")] })).toBe(1);
    expect(existsSync(join(app, "public", "config.json"))).toBe(false);
  });
});
