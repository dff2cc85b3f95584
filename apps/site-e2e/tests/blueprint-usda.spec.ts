/**
 * The site against a devnet whose USDA is the aos token blueprint's double (`devnet up --usda blueprint`), as the real
 * USDA is on mainnet: it publishes `balances/<address>` (a trie) and `token-info` at the top of its state, not TIM3's
 * `cache/` keys, and has no faucet. The holder (sent 100 USDA by the dev wallet in global-setup-blueprint.ts) sees the
 * balance read at that one path, mints and redeems through the site. One story in order, its own devnet
 * (playwright.blueprint.config.ts).
 */
import { expect, test, type Page } from "@playwright/test";
import { createTim3Client, nodeSigner } from "@tim3/sdk";
import { dryRunsPerProcess, readJwk } from "@tim3/e2e-kit";
import { e2eEnv } from "../src/env";
import { HOLDER_USDA } from "../src/global-setup-blueprint";
import { expectBalances, holderStory, mintThroughSite, recordNodeCalls, redeemThroughSite, type HolderPage } from "../src/site-page";

const env = e2eEnv();
let page: Page, holder: string, shot: HolderPage["shot"];
holderStory(env, (h) => ({ page, holder, shot } = h));

test("the USDA balance is read with one GET at the token's balances path, and no faucet is offered", async () => {
  const usdaState = `${new URL(env.urls.nodeUrl).origin}/${env.processes.usda}~process@1.0/now`;
  const { calls, stop } = recordNodeCalls(page, env.urls.nodeUrl);
  try {
    await page.goto("/wallet/");
    await page.getByTestId("connect-wander").click();
    await expect(page.getByTestId("wallet-address")).toHaveText(holder);
    await expectBalances(page, { usda: HOLDER_USDA, tim3: "0" });
    const usdaBalanceReads = calls.filter((c) => c.url.startsWith(`${usdaState}/balances/`) || c.url.startsWith(`${usdaState}/cache/balance-`));
    // The config.json's usdaForm ("blueprint", as the deployment recorded it) sends the first read to the right place:
    // no probe of TIM3's form first.
    expect(usdaBalanceReads.map((c) => `${c.method} ${c.url}`)).toEqual([`GET ${usdaState}/balances/${holder}/serialize~json@1.0`]);
    expect(calls.filter((c) => c.url.startsWith(`${usdaState}/cache/`))).toEqual([]);
    expect(calls.filter((c) => c.method !== "GET")).toEqual([]);
  } finally {
    stop();
  }
  // The blueprint has no Faucet handler: the site says where test USDA comes from instead of a button that gets no answer.
  await expect(page.getByTestId("faucet")).toHaveCount(0);
  await expect(page.getByTestId("no-faucet")).toContainText("has no faucet");
  await shot("01-wallet-blueprint-usda");
});

test("mint through the site: the tracker reaches minted, USDA down and TIM3 up", async () => {
  await mintThroughSite(page, "12.5", { usda: "87.5", tim3: "12.5" });
  await shot("02-minted");
});

test("redeem a part: the USDA comes back from the Lock Manager on the blueprint token", async () => {
  await redeemThroughSite(page, "5", { usda: "92.5", tim3: "7.5" });
  // The token's own ledger agrees: the Lock Manager holds the 7.5 USDA behind the 7.5 TIM3.
  const reader = createTim3Client({ network: env.urls, processes: env.processes, signer: nodeSigner(readJwk(env.testKeyFile)), usdaForm: "blueprint" });
  expect(await reader.balance("usda", env.processes.lockManager)).toBe("7500000000000");
  await shot("03-redeemed");
});

test("no process was ever dry-run, the USDA included", async () => {
  expect(await dryRunsPerProcess(env.urls.nodeUrl, env.processes)).toEqual({ usda: 0, tokenManager: 0, lockManager: 0, coordinator: 0, stateManager: 0 });
});
