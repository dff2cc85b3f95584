/**
 * The holders' site against a fresh devnet, as a holder with Wander would use it: reserves on the home page, connect,
 * faucet, mint, redeem and transfer (tracker and balances follow), inline validation, minting refused while paused.
 * One story in order: each test continues from the previous one's state.
 */
import { expect, test, type Page } from "@playwright/test";
import { ReturnLimits, Scopes } from "@tim3/protocol";
import { createTim3Client, nodeSigner } from "@tim3/sdk";
import { dryRunsPerProcess, readJwk, walletCallNames } from "@tim3/e2e-kit";
import { e2eEnv } from "../src/env";
import { expectBalances, holderStory, mintThroughSite, recordNodeCalls, redeemThroughSite, type HolderPage } from "../src/site-page";

const env = e2eEnv();
const adminClient = () =>
  createTim3Client({
    network: { nodeUrl: env.urls.nodeUrl, scheduler: env.urls.scheduler },
    processes: env.processes,
    signer: nodeSigner(readJwk(env.adminKeyFile)),
  });

let page: Page, holder: string, shot: HolderPage["shot"];
holderStory(env, (h) => ({ page, holder, shot } = h));

test("home shows live reserves, health and circuit state", async () => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("backed 1:1 by USDA");
  await expect(page.getByTestId("reserve-supply")).toContainText("0");
  await expect(page.getByTestId("reserve-ratio")).toHaveText("100.00%");
  await expect(page.getByTestId("health-score")).toHaveText(/^\d+$/);
  await expect(page.getByTestId("circuit-badges")).toContainText("Mint open");
  await expect(page.getByRole("meter", { name: "Backing" })).toBeVisible();
  await shot("01-home");
});

test("connect Wander and claim test USDA from the faucet", async () => {
  await page.goto("/wallet/");
  await expect(page.getByTestId("mint-submit-reason")).toHaveText("Connect a wallet first");
  await page.getByTestId("connect-wander").click();
  await expect(page.getByTestId("wallet-address")).toHaveText(holder);
  await expect(page.getByTestId("balance-usda")).toHaveText("0");
  await page.getByTestId("faucet").click();
  await expect(page.getByTestId("faucet-status")).toHaveText("Received 100 USDA from the faucet");
  await expect(page.getByTestId("balance-usda")).toHaveText("100");
  await expect(page.getByTestId("balance-tim3")).toHaveText("0");
  await shot("02-wallet-connected");
});

test("a bad amount gets an inline error and sends nothing", async () => {
  const mint = page.getByTestId("mint-form");
  const amount = mint.getByLabel("Amount of USDA to lock");
  await amount.fill("1.2.3");
  await expect(mint.getByRole("alert")).toHaveText("Enter a plain number like 12.5");
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await amount.fill("0.0000000000001");
  await expect(mint.getByRole("alert")).toHaveText("At most 12 decimal places");
  await amount.fill("250");
  await expect(mint.getByRole("alert")).toHaveText("More than your balance of 100 USDA");
  await amount.press("Enter");
  await expect(page.getByTestId("tracked-op")).toHaveCount(0);
  await shot("03-inline-error");
  await amount.fill("");
});

test("mint: the tracker shows sent → deposited → minted and the balances follow", async () => {
  await mintThroughSite(page, "25.5", { usda: "74.5", tim3: "25.5" });
  await shot("04-minted");
});

test("redeem: TIM3 burned, USDA released", async () => {
  await redeemThroughSite(page, "10", { usda: "84.5", tim3: "15.5" });
  await shot("05-redeemed");
});

test("transfer TIM3 to another address", async () => {
  const form = page.getByTestId("transfer-form");
  await form.getByLabel("Token").selectOption("tim3");
  await form.getByLabel("Recipient address").fill("not-an-address");
  await expect(form.getByRole("alert")).toContainText("43 characters");
  await form.getByLabel("Recipient address").fill(env.admin);
  await form.getByLabel("Amount of TIM3").fill("5");
  await page.getByTestId("transfer-submit").click();
  await expect(page.getByTestId("transfer-status")).toHaveText(`Sent 5 TIM3 to ${env.admin}`);
  await expect(page.getByTestId("balance-tim3")).toHaveText("10.5");
  expect(await adminClient().balance("tim3", env.admin)).toBe("5000000000000");
});

test("USDA sent to the Token Manager past the return limit is kept for the holder, shown, and claimed back", async () => {
  // The holder's own wallet, outside the page: one more unsolicited transfer than a process returns within an hour.
  const holderClient = createTim3Client({
    network: { nodeUrl: env.urls.nodeUrl, scheduler: env.urls.scheduler },
    processes: env.processes,
    signer: nodeSigner(readJwk(env.testKeyFile)),
  });
  const before = await holderClient.balance("usda", holder);
  const one = await holderClient.toUnits("usda", "1");
  for (let i = 0; i <= ReturnLimits.perSender; i++) await holderClient.transfer("usda", env.processes.tokenManager, one);
  const kept = page.getByTestId("kept-for-you");
  await expect(kept).toContainText("Kept for you: 1 USDA · 0 TIM3", { timeout: 30_000 });
  await expect(page.getByTestId("balance-usda")).toHaveText("83.5", { timeout: 30_000 });
  await shot("06a-kept-for-you");
  await page.getByTestId("claim-returns").click();
  await expect(page.getByTestId("kept-status")).toHaveText("Claimed: sent back to your wallet");
  await expect(kept).toBeHidden();
  await expect(page.getByTestId("balance-usda")).toHaveText("84.5", { timeout: 30_000 });
  expect(await holderClient.balance("usda", holder)).toBe(before);
  expect((await holderClient.owedReturns(holder)).flatMap((o) => o.owed)).toEqual([]);
});

test("history lists the holder's operations from the Coordinator", async () => {
  const rows = page.getByTestId("history-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Mint" })).toHaveAttribute("data-status", "completed");
  await expect(rows.filter({ hasText: "Redeem" })).toHaveAttribute("data-status", "completed");
  await shot("06-history");
});

test("minting is refused while paused, with the reason shown", async () => {
  const admin = adminClient();
  await admin.pause(Scopes.Mint, "e2e maintenance");
  try {
    await expect(page.getByTestId("mint-submit")).toBeDisabled({ timeout: 30_000 });
    await expect(page.getByTestId("mint-submit-reason")).toContainText("Minting is paused");
    await expect(page.getByTestId("mint-submit-reason")).toContainText("e2e maintenance");
    await expect(page.getByTestId("redeem-submit")).toBeEnabled();
    await shot("07-mint-paused");
    await page.goto("/");
    await expect(page.getByTestId("circuit-badges")).toContainText("Mint paused");
    await expect(page.getByTestId("reserve-supply")).toContainText("15.5");
    await expect(page.getByTestId("reserve-collateral")).toContainText("15.5");
    await shot("08-home-paused");
  } finally {
    await admin.resume(Scopes.Mint);
  }
  await expect(page.getByTestId("circuit-badges")).toContainText("Mint open", { timeout: 30_000 });
});

test("the site used only the Wander calls it needs", async () => {
  const names = await walletCallNames(page);
  expect(names.sort()).toEqual(["connect", "getActiveAddress", "getPermissions", "signDataItem"].sort());
});

test("readable on a phone", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/wallet/");
  await expect(page.getByTestId("wallet-address")).toHaveText(holder);
  await expect(page.getByTestId("balance-usda")).toHaveText("84.5");
  await expect(page.getByTestId("history-row")).toHaveCount(2);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot("09-wallet-phone");
  await page.goto("/");
  await expect(page.getByTestId("reserve-supply")).toContainText("15.5");
  await expect(page.getByTestId("health-score")).toHaveText(/^\d+$/);
  await expect(page.getByRole("figure", { name: "Reserve history chart" })).toBeVisible();
  await shot("10-home-phone");
});

test("after a reload the wallet's balances come from cache GETs fetched together, and no TIM3 process was ever dry-run", async () => {
  const { calls, stop } = recordNodeCalls(page, env.urls.nodeUrl);
  try {
    const t0 = Date.now();
    await page.goto("/wallet/");
    await expectBalances(page, { usda: "84.5", tim3: "10.5" });
    const loadToBalancesMs = Date.now() - t0;
    console.log(`[site] load → balances shown: ${loadToBalancesMs} ms`);
    // Every read the page made of the node is a GET of exposed state: nothing dry-run, nothing posted.
    // (Balances are read in the aos token blueprint's form, /now/balances/<address>; everything else under /now/cache/.)
    expect(calls.filter((c) => c.method !== "GET" || !/~process@1\.0\/now\/(cache|balances)\//.test(c.url))).toEqual([]);
    // One round trip: both balances and both token-infos (the Denomination that formats them) were asked for
    // before any of them was answered, so none waited on another.
    const needed = calls
      .filter((c) => /\/now\/(balances\/|cache\/token-info)/.test(c.url))
      .filter((c, i, all) => all.findIndex((x) => x.url === c.url) === i);
    expect(needed.filter((c) => c.url.includes("/now/balances/"))).toHaveLength(2);
    const firstAnswer = Math.min(...needed.map((c) => c.ended ?? Infinity));
    for (const c of needed) expect(c.started, c.url).toBeLessThanOrEqual(firstAnswer);
  } finally {
    stop();
  }
  expect(await dryRunsPerProcess(env.urls.nodeUrl, env.processes)).toEqual({ usda: 0, tokenManager: 0, lockManager: 0, coordinator: 0, stateManager: 0 });
});

test("balances show while the signing code (aoconnect, arbundles) is still on its way, which loads after them", async () => {
  // Every script that carries the signing stack is held back until the balances are on screen.
  const signingStack = "InjectedEthereumSigner";
  const held: string[] = [];
  const release: (() => void)[] = [];
  let holding = true;
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    if (holding && body.includes(signingStack)) {
      held.push(route.request().url());
      await new Promise<void>((ok) => release.push(ok));
    }
    await route.fulfill({ response, body });
  });
  try {
    await page.goto("/wallet/");
    await expect(page.getByTestId("balance-usda")).toHaveText("84.5", { timeout: 20_000 });
    await expect(page.getByTestId("balance-tim3")).toHaveText("10.5");
    // The signing code is still asked for, once the first reads have landed, so that an action finds it ready.
    await expect.poll(() => held.length, { timeout: 20_000 }).toBeGreaterThan(0);
  } finally {
    holding = false;
    for (const ok of release.splice(0)) ok();
    // Requests still in the handler finish before the route goes.
    await page.unrouteAll({ behavior: "wait" });
  }
});
