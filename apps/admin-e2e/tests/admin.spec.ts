/**
 * The operators' console against a fresh devnet, as the admin (Wander with the deployer's key) and as a holder would
 * see it: dashboard and processes, charts from Get-History, Pause/Resume Mint (a mint is refunded with the reason,
 * then completes), a limit change that refunds a mint over it, a stuck mint settled from the Operations page, the
 * merged audit log, and a non-admin wallet that sees read-only controls and whose forced Pause the process refuses.
 * One story in order: each test continues from the previous one's state.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { OperationStatus, PeerTags, Scopes } from "@tim3/protocol";
import { Tim3Error, createTim3Client, jwkAddress, nodeSigner, type ArweaveJwk, type Operation, type Tim3Client } from "@tim3/sdk";
import { dryRunsPerProcess, installTestWallet, readJwk } from "@tim3/e2e-kit";
import { adminE2eEnv } from "../src/env";

const env = adminE2eEnv();
const adminJwk = readJwk(env.adminKeyFile);
const holderJwk = readJwk(env.holderKeyFile);
let holderAddress: string;
const clientFor = (jwk: ArweaveJwk): Tim3Client =>
  createTim3Client({
    network: { nodeUrl: env.urls.nodeUrl, scheduler: env.urls.scheduler },
    processes: env.processes,
    signer: nodeSigner(jwk),
  });
const admin = clientFor(adminJwk);
const holder = clientFor(holderJwk);

/** A mint by the holder through the SDK, followed to its end. */
function mint(human: string): Promise<Operation> {
  return test.step(`holder mints ${human} USDA through the SDK`, async () => {
    const { requestId } = await holder.mint(await holder.toUnits("usda", human));
    return holder.waitForOperation(requestId, { timeoutMs: 60_000, intervalMs: 500 });
  });
}

test.describe.configure({ mode: "serial" });

let page: Page;
const shot = (p: Page, name: string) => p.screenshot({ path: join(env.screenshots, `${name}.png`), fullPage: true });

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  holderAddress = await jwkAddress(holderJwk);
  const context = await browser.newContext({ baseURL: env.baseUrl, viewport: { width: 1366, height: 900 } });
  page = await context.newPage();
  page.on("pageerror", (e) => console.error(`[page error] ${e.message}`));
  await installTestWallet(page, adminJwk, env.admin);
  await admin.mintUsda(holderAddress, await admin.toUnits("usda", "100"));
});

test.afterAll(async () => {
  await page?.context().close();
});

test("the admin connects: dashboard with health, reserves, freshness and circuit; controls enabled", async () => {
  await page.goto("/");
  await expect(page.getByTestId("read-only-banner")).toBeVisible();
  await expect(page.getByTestId("pause-mint")).toBeDisabled();
  await page.getByTestId("connect-wallet").click();
  await expect(page.getByTestId("wallet-address")).toHaveAttribute("data-address", env.admin);
  await expect(page.getByTestId("role-badge")).toHaveText("Admin");
  await expect(page.getByTestId("read-only-banner")).toHaveCount(0);
  await expect(page.getByTestId("health-score")).toHaveText(/^\d+$/);
  await expect(page.getByRole("meter", { name: "Backing" })).toBeVisible();
  await expect(page.getByTestId("reserve-ratio")).toHaveText(/%$/);
  await expect(page.getByTestId("freshness").locator("li")).toHaveCount(3);
  await expect(page.getByTestId("circuit-mint")).toHaveAttribute("data-state", "open");
  await expect(page.getByTestId("pause-mint")).toBeEnabled();
  await shot(page, "01-dashboard-admin");
});

test("processes: ids, versions, hashes and peers from Info, no drift against the deploy state", async () => {
  const state = JSON.parse(readFileSync(env.stateFile, "utf8")) as { processes: Record<string, { id: string; version: string; bundleHash: string }> };
  await page.getByRole("link", { name: "Processes" }).click();
  await expect(page.getByTestId("drift-summary")).toHaveText("No drift");
  for (const role of ["usda", "tokenManager", "lockManager", "coordinator", "stateManager"]) {
    await expect(page.getByTestId(`process-${role}-id`)).toHaveText(state.processes[role].id);
    await expect(page.getByTestId(`process-${role}-version`)).toHaveText(state.processes[role].version);
    await expect(page.getByTestId(`process-${role}-hash`)).toHaveAttribute("title", state.processes[role].bundleHash);
  }
  // The Coordinator's peers: Usda (to return misdirected USDA), Token Manager, Lock Manager, State Manager.
  await expect(page.getByTestId("process-coordinator").locator("tr[data-ok=true]")).toHaveCount(4);
  await shot(page, "02-processes");
});

test("charts render Get-History after a mint", async () => {
  const op = await mint("20");
  expect(op.status).toBe(OperationStatus.Completed);
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByTestId("reserve-supply")).toHaveText("20");
  const reserves = page.getByTestId("chart-reserves");
  await expect(reserves.locator("path.recharts-line-curve")).toHaveCount(2);
  for (const d of await reserves.locator("path.recharts-line-curve").evaluateAll((ps) => ps.map((p) => p.getAttribute("d") ?? ""))) {
    expect(d).toMatch(/^M[\d.]+,[\d.]+[LHV]/);
  }
  await expect(reserves.locator(".recharts-line-dots circle").first()).toBeVisible();
  await expect(page.getByTestId("chart-health").locator("path.recharts-area-curve")).toHaveAttribute("d", /^M[\d.]+,[\d.]+[LHV]/);
  const history = await admin.history(200);
  expect(history.length).toBeGreaterThan(0);
  await expect(page.getByTestId("history-count")).toContainText(`${history.length} point`);
  await shot(page, "03-charts");
});

test("pause Mint from the console: a mint comes back refunded with the reason; resume restores minting", async () => {
  // The breaker may have tripped Mint on its own after the first mint; start open.
  if ((await admin.reserves()).circuit.mintPaused) await admin.resume(Scopes.Mint);
  await expect(page.getByTestId("circuit-mint")).toHaveAttribute("data-state", "open");
  await page.getByTestId("pause-mint").click();
  const dialog = page.getByRole("dialog", { name: "Pause minting?" });
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("confirm-submit").click();
  await expect(dialog.getByRole("alert")).toHaveText("Give a reason: it is logged and shown to holders");
  await dialog.getByLabel("Reason (holders see it on refunds)").fill("e2e maintenance");
  await shot(page, "04-pause-dialog");
  await dialog.getByTestId("confirm-submit").click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("circuit-status")).toHaveText("Paused minting");
  await expect(page.getByTestId("circuit-mint")).toHaveAttribute("data-state", "paused");
  await expect(page.getByTestId("circuit-reason")).toContainText("e2e maintenance");
  await expect(page.getByTestId("pause-mint")).toBeDisabled();

  const before = await holder.balance("usda");
  const refused = await mint("5");
  expect(refused.status).toBe(OperationStatus.Refunded);
  expect(refused.reason).toBe("Minting is paused: e2e maintenance");
  // The Coordinator records the refund when it decides it; the USDA reaches the holder a few messages later.
  await expect.poll(() => holder.balance("usda"), { timeout: 30_000 }).toBe(before);
  await shot(page, "05-mint-paused");

  await page.getByTestId("resume-mint").click();
  const resume = page.getByRole("dialog", { name: "Resume minting?" });
  await resume.getByTestId("confirm-submit").click();
  await expect(page.getByTestId("circuit-mint")).toHaveAttribute("data-state", "open");
  const ok = await mint("5");
  expect(ok.status).toBe(OperationStatus.Completed);
});

test("limits: inline validation, then a new Mint max refunds a mint above it with the reason", async () => {
  if ((await admin.reserves()).circuit.mintPaused) await admin.resume(Scopes.Mint);
  await page.getByRole("link", { name: "Limits" }).click();
  const form = page.getByTestId("limits-mint");
  const max = form.getByLabel("Maximum per operation (USDA)");
  const min = form.getByLabel("Minimum per operation (USDA)");
  await max.fill("1.2.3");
  await expect(page.getByTestId("mint-max-error")).toHaveText("Enter a plain number like 12.5");
  await expect(max).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("limits-mint-save")).toBeDisabled();
  await max.fill("0.0000000000001");
  await expect(page.getByTestId("mint-max-error")).toHaveText("At most 12 decimal places");
  const minBefore = await min.inputValue();
  await min.fill("10");
  await max.fill("5");
  await expect(page.getByTestId("mint-max-error")).toHaveText("Must not be below the minimum (or 0 for none)");
  await shot(page, "06-limits-invalid");
  await min.fill(minBefore);
  await expect(page.getByTestId("mint-max-error")).toHaveCount(0);
  await page.getByTestId("limits-mint-save").click();
  const dialog = page.getByRole("dialog", { name: "Change Mint limits?" });
  await expect(dialog).toContainText("Maximum per operation: 5 USDA");
  await dialog.getByTestId("confirm-submit").click();
  await expect(page.getByTestId("limits-mint-status")).toHaveText("Mint limits saved");
  await expect(page.getByTestId("limits-mint-current-max")).toHaveText("5 USDA");
  expect((await admin.limits()).mint.Max).toBe("5000000000000");
  await shot(page, "07-limits-saved");

  const over = await mint("6");
  expect(over.status).toBe(OperationStatus.Refunded);
  expect(over.reason).toBe("Above the maximum of 5000000000000 per operation");
  expect((await mint("5")).status).toBe(OperationStatus.Completed);
});

test("a stuck mint shows as drift and pending with its age; Settle completes it", async () => {
  if ((await admin.reserves()).circuit.mintPaused) await admin.resume(Scopes.Mint);
  // Break the wiring: the Token Manager no longer takes Mint-Tim3 from the real Coordinator.
  await admin.configure("tokenManager", { [PeerTags.Coordinator]: holderAddress });
  const { requestId } = await holder.mint(await holder.toUnits("usda", "2"));
  await expect.poll(async () => (await holder.getOperation(requestId))?.status, { timeout: 30_000 }).toBe(OperationStatus.Pending);

  await page.getByRole("link", { name: "Processes" }).click();
  await expect(page.getByTestId("drift-summary")).toHaveText("1 drift issue");
  await expect(page.getByTestId("drift-issues")).toContainText("Token Manager sees Coordinator-Process");
  await expect(page.getByTestId("process-tokenManager")).toHaveAttribute("data-drift", "1");
  await shot(page, "08-drift");

  await page.getByRole("link", { name: "Operations" }).click();
  const row = page.locator(`[data-testid=pending-row][data-request-id="${requestId}"]`);
  await expect(row).toContainText("mint");
  await expect(row).toContainText("mint TIM3");
  await expect(row).toContainText("2 USDA");
  await expect(row.getByTestId("pending-age")).toHaveText(/^\d+ s$|min/);
  await shot(page, "09-pending");

  await admin.configure("tokenManager", { [PeerTags.Coordinator]: env.processes.coordinator });
  await row.getByTestId("settle").click();
  await expect(page.getByTestId("settle-status")).toHaveText(`Settle sent for ${requestId}: unconfirmed steps re-sent`);
  await expect.poll(async () => (await holder.getOperation(requestId))?.status, { timeout: 30_000 }).toBe(OperationStatus.Completed);
  await expect(page.getByTestId("pending-empty")).toBeVisible();
  const r = await admin.reserves();
  expect(r.supply).toBe(r.collateral);
});

test("audit log: admin actions of every process, merged newest first", async () => {
  await page.getByRole("link", { name: "Audit log" }).click();
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toHaveAttribute("data-action", "Settle-Operation");
  const seen = await rows.evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute("data-role")}:${tr.getAttribute("data-action")}`));
  for (const want of ["coordinator:Settle-Operation", "tokenManager:Configure", "coordinator:Set-Limits", "stateManager:Resume", "stateManager:Pause"]) {
    expect(seen).toContain(want);
  }
  // Newest first: the Settle after the Set-Limits after the Pause.
  expect(seen.indexOf("coordinator:Settle-Operation")).toBeLessThan(seen.indexOf("coordinator:Set-Limits"));
  expect(seen.indexOf("coordinator:Set-Limits")).toBeLessThan(seen.indexOf("stateManager:Pause"));
  await expect(rows.filter({ hasText: "Pause" }).first()).toContainText("Mint: e2e maintenance");
  await page.getByTestId("audit-filter").selectOption("stateManager");
  await expect(rows.first()).toHaveAttribute("data-role", "stateManager");
  await page.getByTestId("audit-filter").selectOption("all");
  await shot(page, "10-audit");
});

test("a non-admin wallet sees read-only controls, and its forced Pause is refused by the process", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: env.baseUrl, viewport: { width: 1366, height: 900 } });
  const other = await context.newPage();
  try {
    await installTestWallet(other, holderJwk, holderAddress);
    await other.goto("/");
    await other.getByTestId("connect-wallet").click();
    await expect(other.getByTestId("wallet-address")).toHaveAttribute("data-address", holderAddress);
    await expect(other.getByTestId("role-badge")).toHaveText("Read-only");
    await expect(other.getByTestId("read-only-banner")).toContainText("The connected wallet is not the admin");
    for (const id of ["pause-mint", "pause-redeem", "pause-all", "resume-mint", "resume-redeem", "resume-all"]) {
      await expect(other.getByTestId(id)).toBeDisabled();
    }
    await expect(other.getByTestId("health-score")).toHaveText(/^\d+$/);
    await expect(other.getByTestId("audit-row")).toHaveCount(5);
    await shot(other, "11-read-only-dashboard");
    await other.getByRole("link", { name: "Limits" }).click();
    await expect(other.getByTestId("limits-mint").getByLabel("Maximum per operation (USDA)")).toBeDisabled();
    await expect(other.getByTestId("limits-mint-save")).toBeDisabled();
    await shot(other, "12-read-only-limits");

    const forced = await holder.pause(Scopes.Mint, "not mine to pause").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(forced).toBeInstanceOf(Tim3Error);
    expect((forced as Tim3Error).message).toBe("Only the admin may do this");
    expect((await admin.reserves()).circuit.mintPaused).toBe(false);
  } finally {
    await context.close();
  }
});

// Last: the dashboard, processes, charts, operations and audit pages above read everything by GETs of exposed state.
// AO mainnet serves no dry-runs, so one would be a console that works only on the devnet.
test("the console never dry-ran a TIM3 process (the devnet counts dry-runs per process)", async () => {
  expect(await dryRunsPerProcess(env.urls.nodeUrl, env.processes)).toEqual({ usda: 0, tokenManager: 0, lockManager: 0, coordinator: 0, stateManager: 0 });
});
