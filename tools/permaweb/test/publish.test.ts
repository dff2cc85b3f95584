/**
 * Publishing to the permaweb end to end against a local gateway: the real `arweave` library signs and uploads the
 * site's static export, the path manifest resolves, and Chromium loads the pages from the gateway's sandbox URL.
 */
import { spawnSync } from "node:child_process";
import { request } from "node:http";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Arweave from "arweave";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planArnsRecord } from "../src/arns";
import { arweaveFor, deploy, planDeploy } from "../src/deploy";
import { startLocalGateway, type LocalGateway } from "../src/local-gateway";

const root = join(__dirname, "..", "..", "..");
const siteOut = join(root, "apps", "site", "out");
const artifacts = join(__dirname, "..", "test-results");
let gateway: LocalGateway;
let jwk: Awaited<ReturnType<Arweave["wallets"]["generate"]>>;

beforeAll(async () => {
  gateway = await startLocalGateway();
  jwk = await Arweave.init({}).wallets.generate();
  mkdirSync(artifacts, { recursive: true });
});
afterAll(() => gateway.stop());

/** GET through the gateway's sandbox host name (Node cannot resolve *.localhost; Chromium can). */
function getSandboxed(gatewayUrl: string, sandboxUrl: string): Promise<string> {
  const { port } = new URL(gatewayUrl);
  const { host } = new URL(sandboxUrl);
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path: "/", headers: { host } }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve(body));
    }).on("error", reject).end();
  });
}

function tinySite(): string {
  const dir = mkdtempSync(join(tmpdir(), "tim3-site-"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>tiny</title><script src=\"/app.js\"></script><h1>Home</h1>");
  writeFileSync(join(dir, "app.js"), "document.title = 'loaded';");
  mkdirSync(join(dir, "wallet"));
  writeFileSync(join(dir, "wallet", "index.html"), "<h1>Wallet</h1>");
  writeFileSync(join(dir, "404.html"), "<h1>Not here</h1>");
  return dir;
}

describe("permaweb deployment through a local gateway", () => {
  it("plans files, sizes and the gateway's price without uploading", async () => {
    const plan = await planDeploy(tinySite(), gateway.url);
    expect(plan.files.map((f) => [f.path, f.contentType])).toEqual([
      ["404.html", "text/html"], ["app.js", "text/javascript"], ["index.html", "text/html"], ["wallet/index.html", "text/html"],
    ]);
    // The local gateway prices 1000 + bytes winston per transaction; four files and the manifest.
    const manifestBytes = Number(plan.costWinston) - 5 * 1000 - plan.totalBytes;
    expect(manifestBytes).toBeGreaterThan(100);
    expect(gateway.transactions()).toBe(0);
  });

  it("uploads signed transactions, and the manifest resolves paths, folders and the 404 fallback", async () => {
    const dir = tinySite();
    const result = await deploy(await planDeploy(dir, gateway.url), gateway.url, jwk, { appName: "TIM3-test" });
    const base = `${gateway.url}/${result.manifestId}`;
    expect(await (await fetch(`${base}/`)).text()).toContain("<h1>Home</h1>");
    expect(await (await fetch(`${base}/wallet/`)).text()).toBe("<h1>Wallet</h1>");
    expect((await fetch(`${base}/app.js`)).headers.get("content-type")).toBe("text/javascript");
    expect(await (await fetch(`${base}/nowhere`)).text()).toBe("<h1>Not here</h1>");
    expect(await getSandboxed(gateway.url, gateway.sandboxUrl(result.manifestId))).toContain("<h1>Home</h1>");
  });

  it("refuses a transaction whose data was changed after signing", async () => {
    const arweave = arweaveFor(gateway.url);
    const tx = await arweave.createTransaction({ data: "honest" }, jwk);
    await arweave.transactions.sign(tx, jwk);
    const raw = { ...tx.toJSON(), data: Buffer.from("forged").toString("base64url") };
    const res = await fetch(`${gateway.url}/tx`, { method: "POST", body: JSON.stringify(raw) });
    expect(res.status).toBe(400);
  });

  it.skipIf(!existsSync(join(siteOut, "index.html")))("the site's static export loads in Chromium from the gateway", async () => {
    const lines: string[] = [];
    const config = { network: "mainnet", devnet: false, urls: { nodeUrl: gateway.url }, processes: {
      usda: "U".repeat(43), tokenManager: "T".repeat(43), lockManager: "L".repeat(43), coordinator: "C".repeat(43), stateManager: "S".repeat(43),
    }, refreshMs: 60_000 };
    const plan = await planDeploy(siteOut, gateway.url, { "config.json": Buffer.from(JSON.stringify(config)) });
    const result = await deploy(plan, gateway.url, jwk, { appName: "TIM3-site", onProgress: (l) => lines.push(l) });
    expect(await (await fetch(`${gateway.url}/${result.manifestId}/config.json`)).json()).toEqual(config);
    expect(lines.at(-1)).toBe(`manifest → ${result.manifestId}`);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    });
    try {
      const page = await browser.newPage();
      const failed: string[] = [];
      // Every script, stylesheet and image of the page must come from the gateway (RSC prefetches may be cancelled).
      page.on("requestfailed", (r) => {
        if (["script", "stylesheet", "image", "document"].includes(r.resourceType())) failed.push(`${r.url()} ${r.failure()?.errorText}`);
      });
      const response = await page.goto(gateway.sandboxUrl(result.manifestId), { waitUntil: "load" });
      expect(response?.status()).toBe(200);
      await expect.poll(() => page.locator("h1").first().textContent()).toMatch(/TIM3/);
      const scripts = await page.locator("script[src]").count();
      expect(scripts).toBeGreaterThan(0);
      expect(failed).toEqual([]);
      await page.screenshot({ path: join(artifacts, "site-from-local-gateway.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 120_000);

  it("plans an ArNS record, and refuses bad names and ids", () => {
    const ant = "A".repeat(43);
    expect(planArnsRecord("tim3", ant, "B".repeat(43))).toMatchObject({ undername: "@", url: "https://tim3.ar.io", ttlSeconds: 3600 });
    expect(planArnsRecord("tim3", ant, undefined, "admin").url).toBe("https://admin_tim3.ar.io");
    expect(() => planArnsRecord("TIM3!", ant, undefined)).toThrow(/ArNS name/);
    expect(() => planArnsRecord("tim3", "short", undefined)).toThrow(/ANT process id/);
  });
});

describe("command line", () => {
  it("--help prints the usage and exits 0; an unknown flag is refused", () => {
    const bin = join(__dirname, "../bin/permaweb.mjs");
    const help = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("usage:");
    const bad = spawnSync(process.execPath, [bin, "deploy", "site", "--no-such-flag"], { encoding: "utf8" });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("--no-such-flag");
  });
});
