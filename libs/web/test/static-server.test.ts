import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic, type StaticServer } from "../node/static-server.mjs";

describe("serveStatic", () => {
  let dir: string;
  let server: StaticServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "web-static-"));
    mkdirSync(join(dir, "wallet"));
    writeFileSync(join(dir, "index.html"), "<p>home</p>");
    writeFileSync(join(dir, "wallet", "index.html"), "<p>wallet</p>");
    writeFileSync(join(dir, "404.html"), "<p>missing</p>");
    writeFileSync(join(dir, "config.json"), "{}");
    server = await serveStatic({ dir, overrides: { "/config.json": '{"network":"local"}' } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves directories as index.html, unknown paths as 404.html and overrides from memory", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const home = await fetch(`${server.url}/`);
    expect([home.status, home.headers.get("content-type"), await home.text()]).toEqual([200, "text/html; charset=utf-8", "<p>home</p>"]);
    expect(await (await fetch(`${server.url}/wallet/`)).text()).toBe("<p>wallet</p>");
    const missing = await fetch(`${server.url}/nope/`);
    expect([missing.status, await missing.text()]).toEqual([404, "<p>missing</p>"]);
    const config = await fetch(`${server.url}/config.json`);
    expect([config.headers.get("cache-control"), await config.text()]).toEqual(["no-store", '{"network":"local"}']);
  });
});
