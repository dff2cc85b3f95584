/**
 * The holders' site on the bench's devnet: the time from navigating to /wallet/ until the connected wallet's USDA and
 * TIM3 balances are shown (the issue's "within one HTTP round trip after load"), in Debian's Chromium driven by
 * Playwright against the built static export, the wallet being the devnet's dev wallet behind the e2e's injected
 * Wander stand-in (@tim3/e2e-kit). Measured in the page: `performance.now()` when both balances read as expected,
 * which counts from the navigation's start (its time origin).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { installTestWallet, serveStatic } from "@tim3/e2e-kit";
import { CHROMIUM, CHROMIUM_ARGS } from "@tim3/e2e-kit/playwright";
import type { DeployState } from "@tim3/deploy";
import { formatAmount } from "@tim3/web";
import { siteConfig } from "@tim3/web/node";
import type { ArweaveJwk } from "@tim3/sdk/keys";

export type SiteLoadResult =
  | {
      measured: true;
      runs: number;
      medianMs: number;
      minMs: number;
      maxMs: number;
      /** Median, per load, from the first balance/token-info GET to the node starting until the last one answered. */
      readsMedianMs: number;
      /** Median time origin → first of those GETs: the page's own start (scripts, hydration, config, wallet). */
      bootMedianMs: number;
      balances: { usda: string; tim3: string };
    }
  | { measured: false; reason: string };

export interface SiteLoadInput {
  root: string;
  urls: DeployState["urls"];
  state: DeployState;
  jwk: ArweaveJwk;
  address: string;
  /** The wallet's balances in base units, as the devnet holds them now (the page must show exactly these). */
  balances: { usda: string; tim3: string };
  denominations: { usda: number; tim3: number };
  runs: number;
}

export async function benchSiteLoad(input: SiteLoadInput): Promise<SiteLoadResult> {
  const siteOut = join(input.root, "apps", "site", "out");
  if (!existsSync(join(siteOut, "index.html"))) return { measured: false, reason: "apps/site has no static export (not built)" };
  if (!existsSync(CHROMIUM)) return { measured: false, reason: `no Chromium at ${CHROMIUM} (tools/ci/ensure-chromium.sh installs it)` };
  const expected = {
    usda: formatAmount(input.balances.usda, input.denominations.usda),
    tim3: formatAmount(input.balances.tim3, input.denominations.tim3),
  };
  const server = await serveStatic({ dir: siteOut, overrides: { "/config.json": JSON.stringify(siteConfig(input.state, { urls: input.urls }, 2000)) } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  try {
    const page = await (await browser.newContext({ baseURL: server.url })).newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    // The bench runs under tsx, whose esbuild transform (keepNames) wraps named functions in `__name(…)`; functions
    // Playwright serialises into the page (the test wallet's init script, the wait below) need that helper there too.
    await page.addInitScript("globalThis.__name = (fn) => fn;");
    await installTestWallet(page, input.jwk, input.address);
    // Connect once (the permission outlives a page load, as Wander's does); this first load also warms the caches.
    await page.goto("/wallet/");
    await page.getByTestId("connect-wander").click();
    await page
      .getByTestId("wallet-address")
      .filter({ hasText: input.address })
      .waitFor({ timeout: 30_000 })
      .catch((e: unknown) => {
        throw new Error(`the site did not connect the wallet${pageErrors.length ? ` (page errors: ${pageErrors.join("; ")})` : ""}: ${String(e).split("\n")[0]}`);
      });
    const times: number[] = [];
    const reads: number[] = [];
    const boots: number[] = [];
    const nodeOrigin = new URL(input.urls.nodeUrl).origin;
    for (let i = 0; i < input.runs; i++) {
      await page.goto("/wallet/", { waitUntil: "commit" });
      const shown = await page.waitForFunction(
        ({ usda, tim3 }) => {
          const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent;
          return text("balance-usda") === usda && text("balance-tim3") === tim3 ? performance.now() : false;
        },
        expected,
        { polling: "raf", timeout: 30_000 },
      );
      times.push(Number(await shown.jsonValue()));
      // The balance and token-info GETs of this load, from the browser's resource timing.
      const span = await page.evaluate((origin) => {
        const gets = performance
          .getEntriesByType("resource")
          .filter((e) => e.name.startsWith(origin) && /\/now\/(cache\/)?(balance|token-info)/.test(e.name)) as PerformanceResourceTiming[];
        if (gets.length === 0) return undefined;
        const start = Math.min(...gets.map((e) => e.startTime));
        return { start, reads: Math.max(...gets.map((e) => e.responseEnd)) - start };
      }, nodeOrigin);
      if (span !== undefined) {
        reads.push(span.reads);
        boots.push(span.start);
      }
    }
    const median = (xs: number[]) => (xs.length === 0 ? NaN : Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]));
    return {
      measured: true,
      runs: input.runs,
      medianMs: median(times),
      minMs: Math.round(Math.min(...times)),
      maxMs: Math.round(Math.max(...times)),
      readsMedianMs: median(reads),
      bootMedianMs: median(boots),
      balances: expected,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
