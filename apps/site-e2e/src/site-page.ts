/**
 * What the site stories share: the holder's page behind the injected test wallet, the mint and redeem flows as a
 * holder goes through them (tracker and balances followed), and a recorder of the page's requests to the node.
 */
import { join } from "node:path";
import { expect, test, type Page, type Request } from "@playwright/test";
import { installTestWallet, readJwk } from "@tim3/e2e-kit";
import { jwkAddress } from "@tim3/sdk";
import type { E2eEnv } from "./env";

export interface HolderPage {
  page: Page;
  /** The holder's address (the test wallet's key is env.testKeyFile). */
  holder: string;
  /** Saves a full-page screenshot as <screenshots>/<name>.png. */
  shot: (name: string) => Promise<unknown>;
}

/**
 * Makes the spec one story in order (serial) on one page: before the first test a new browser context on the served
 * site with the holder's test wallet injected, handed to `use`; closed after the last.
 */
export function holderStory(env: E2eEnv, use: (h: HolderPage) => void): void {
  test.describe.configure({ mode: "serial" });
  let opened: Page | undefined;
  test.beforeAll(async ({ browser }) => {
    const jwk = readJwk(env.testKeyFile);
    const holder = await jwkAddress(jwk);
    const context = await browser.newContext({ baseURL: env.baseUrl, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    opened = page;
    page.on("pageerror", (e) => console.error(`[page error] ${e.message}`));
    await installTestWallet(page, jwk, holder);
    use({ page, holder, shot: (name) => page.screenshot({ path: join(env.screenshots, `${name}.png`), fullPage: true }) });
  });
  test.afterAll(async () => {
    await opened?.context().close();
  });
}

/** Both balances as the wallet panel shows them. */
export async function expectBalances(page: Page, b: { usda: string; tim3: string }): Promise<void> {
  await expect(page.getByTestId("balance-usda")).toHaveText(b.usda);
  await expect(page.getByTestId("balance-tim3")).toHaveText(b.tim3);
}

/** Mints `amount` through the mint form; the tracker goes sent → deposited → minted and the balances become `after`. */
export async function mintThroughSite(page: Page, amount: string, after: { usda: string; tim3: string }): Promise<void> {
  const mint = page.getByTestId("mint-form");
  await mint.getByLabel("Amount of USDA to lock").fill(amount);
  await expect(mint.getByText(`You receive ${amount} TIM3`)).toBeVisible();
  await page.getByTestId("mint-submit").click();
  const op = page.getByTestId("tracked-op").first();
  await expect(op).toContainText(`Mint ${amount} USDA`);
  await expect(op.locator('[data-step="sent"]')).toHaveAttribute("data-state", "done");
  await expect(op).toHaveAttribute("data-status", "completed", { timeout: 90_000 });
  await expect(op.locator('[data-step="deposited"]')).toHaveAttribute("data-state", "done");
  await expect(op.locator('[data-step="minted"]')).toHaveAttribute("data-state", "done");
  await expectBalances(page, after);
}

/** Redeems `amount` through the redeem form; the tracker reaches released and the balances become `after`. */
export async function redeemThroughSite(page: Page, amount: string, after: { usda: string; tim3: string }): Promise<void> {
  const redeem = page.getByTestId("redeem-form");
  await redeem.getByLabel("Amount of TIM3 to redeem").fill(amount);
  await page.getByTestId("redeem-submit").click();
  const op = page.getByTestId("tracked-op").first();
  await expect(op).toContainText(`Redeem ${amount} TIM3`);
  await expect(op).toHaveAttribute("data-status", "completed", { timeout: 90_000 });
  await expect(op.locator('[data-step="released"]')).toHaveAttribute("data-state", "done");
  await expectBalances(page, after);
}

export interface NodeCall {
  url: string;
  method: string;
  /** When the page sent it, and when its answer had arrived (Date.now()). */
  started: number;
  ended?: number;
}

/** Records every request the page makes to the node (`calls` fills as they go) until `stop()`. */
export function recordNodeCalls(page: Page, nodeUrl: string): { calls: NodeCall[]; stop(): void } {
  const node = new URL(nodeUrl).origin;
  const calls: NodeCall[] = [];
  const onRequest = (r: Request) => {
    if (r.url().startsWith(node)) calls.push({ url: r.url(), method: r.method(), started: Date.now() });
  };
  const onFinished = (r: Request) => {
    const c = calls.find((x) => x.url === r.url() && x.ended === undefined);
    if (c) c.ended = Date.now();
  };
  page.on("request", onRequest);
  page.on("requestfinished", onFinished);
  return {
    calls,
    stop: () => {
      page.off("request", onRequest);
      page.off("requestfinished", onFinished);
    },
  };
}
