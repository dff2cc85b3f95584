/**
 * Deploy against a fresh devnet over HTTP (the units run as `devnet serve` in a child process): a fresh deploy, a
 * re-run that changes nothing, a rebuilt bundle (an extra Lua comment) that updates only its process, a refused
 * downgrade, and a mainnet dry run that reads only the node's address, USDA's token-info, USDA's spawn tags and the deployer's
 * credit (a local fake node and gateway).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PeerTags, Tags, type DeployState } from "@tim3/protocol";
import { createTim3Client, nodeSigner } from "@tim3/sdk";
import {
  assertSpawnEnvironment, bundlePath, compareVersions, deploy, generateJwk, loadBundles, localNetwork, manifest, parseBundle, planDeploy, processesOf,
  readBundle, readState, stampBundle, workspaceRoot,
} from "@tim3/deploy";
import { runBin, startBin } from "./helpers";
import { changesetVersion, copyForRelease, packDryRun, versionOf, writeChangeset } from "./release-rehearsal";

const dir = mkdtempSync(join(tmpdir(), "tim3-deploy-test-"));
const stateFile = join(dir, "deploy-state.json");
const walletFile = join(dir, "wallet.json");
const jwk = generateJwk();
writeFileSync(walletFile, JSON.stringify(jwk));
const signer = nodeSigner(jwk);
let units: Awaited<ReturnType<typeof startBin<{ port: number; urls: DeployState["urls"] }>>>;

beforeAll(async () => {
  units = await startBin("tools/devnet/bin/devnet.mjs", ["serve", "--port", "0", "--data-dir", join(dir, "units"), "--json"], "TIM3-DEVNET-UP");
});

afterAll(async () => {
  await units?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("bundles and plans (no network)", () => {
  it("reads the stamp on line 1 and checks it against the body", () => {
    const b = readBundle(bundlePath("coordinator"));
    expect(b.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(() => parseBundle(b.lua + "\n-- tampered\n", "x.lua")).toThrow(/rebuild/);
    const restamped = parseBundle(stampBundle(b.lua.slice(b.lua.indexOf("\n") + 1) + "\n-- changed\n", b.name, b.version), "y.lua");
    expect(restamped.hash).not.toBe(b.hash);
  });

  it("orders versions", () => {
    expect(compareVersions("0.1.0", "0.1.0")).toBe(0);
    expect(compareVersions("0.2.0", "0.10.0")).toBe(-1);
    expect(compareVersions("1.0.0-rc.1", "1.0.0")).toBe(-1);
  });

  it("refuses a downgrade without force", () => {
    const bundles = loadBundles(manifest);
    const net = localNetwork({ nodeUrl: "http://127.0.0.1:1", scheduler: "S".repeat(43) });
    const state = {
      network: "local", urls: { nodeUrl: net.nodeUrl, scheduler: net.scheduler }, module: net.module, scheduler: net.scheduler, authority: net.authority, admin: "a", updatedAt: "",
      processes: { coordinator: { id: "C".repeat(43), name: "coordinator", version: "9.0.0", bundleHash: "old" } },
    };
    expect(() => planDeploy(manifest, net, bundles, state)).toThrow(/refusing to downgrade 9\.0\.0/);
    const plan = planDeploy(manifest, net, bundles, state, true);
    expect(plan.steps.find((s) => s.role === "coordinator")).toMatchObject({ kind: "update", forced: true });
  });

  it("plans a mainnet deploy from its profile, reading only the node's address, USDA's token-info, USDA's spawn tags and the deployer's credit", async () => {
    const nodeAddr = "N".repeat(43);
    const usda = "FBt9A5GA_KXMMSxA2DJ0xZbAq8sLLU2ak-YJe9zDvg8";
    const legacyAuthority = "fcoN_xJeisVsPXA-trzVAuIiqO3ydLQxM-L4XbrQKzY";
    const legacyScheduler = "_GQ33BkPtZrqxA84vM8Zk-N2aO0toNNu_C-l-rawrBA";
    let denomination = "12";
    let gatewayUp = true;
    let usdaTags: { name: string; value: string }[] = [];
    const requests: string[] = [];
    // A local stand-in for the HyperBEAM node that records every request (a node lower-cases exposed keys), and for an
    // Arweave gateway's GraphQL (the schema's `transactions(ids:) { edges { node { id tags { name value } } } }`).
    const node = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      if (req.method === "GET" && req.url === "/~meta@1.0/info/address") return void res.end(nodeAddr);
      if (req.method === "GET" && req.url === `/${usda}~process@1.0/now/token-info/serialize~json@1.0`) {
        return void res.end(JSON.stringify({ name: "USDA", ticker: "USDA", denomination, supply: "1" }));
      }
      if (req.method === "POST" && req.url === "/graphql") {
        let body = "";
        req.on("data", (c: Buffer) => (body += c.toString()));
        req.on("end", () => {
          if (!gatewayUp) return void res.writeHead(502).end("bad gateway");
          const { variables } = JSON.parse(body) as { query: string; variables: { ids: string[] } };
          const edges = variables.ids.includes(usda) ? [{ node: { id: usda, tags: usdaTags } }] : [];
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify({ data: { transactions: { edges } } }));
        });
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((ok) => node.listen(0, "127.0.0.1", ok));
    try {
      const profile = JSON.parse(readFileSync(join(workspaceRoot, "tools/deploy/networks/mainnet.json"), "utf8")) as Record<string, unknown>;
      expect(profile).toMatchObject({
        nodeUrl: "https://push.forward.computer", scheduler: "n_XZJhUnmldNFo4dhajoPZWhBXuJk-OcQr5JQ49c4Zo", authority: "node",
        module: "ISShJH1ij-hPPt9St5UFFr_8Ys3Kj5cyg7zrMGt7H9s", external: { usda }, expect: { usdaDenomination: "12" }, gateway: "https://arweave.net",
      });
      const nodeUrl = `http://127.0.0.1:${(node.address() as AddressInfo).port}`;
      const config = join(dir, "mainnet.json");
      writeFileSync(config, JSON.stringify({ ...profile, nodeUrl, gateway: nodeUrl }));
      const args = ["--network", "mainnet", "--config", config, "--wallet", walletFile, "--state", join(dir, "mainnet-state.json"), "--dry-run"];

      // USDA spawned under the node's authority: one authority to trust.
      usdaTags = [
        { name: "Data-Protocol", value: "ao" }, { name: "Variant", value: "ao.N.1" }, { name: "Type", value: "Process" },
        { name: "Authority", value: nodeAddr }, { name: "Scheduler", value: profile.scheduler as string }, { name: "Module", value: profile.module as string },
      ];
      const r = await runBin("tools/deploy/bin/deploy.mjs", args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`deploy to mainnet (${nodeUrl})`);
      expect(r.stdout).toContain(`usda spawn Variant=ao.N.1 Authority=${nodeAddr} Scheduler=${profile.scheduler as string} Module=${profile.module as string}`);
      expect(r.stdout).toContain(`authority ${nodeAddr} (the node's address)`);
      expect(r.stdout).toContain("USDA's Authority is the one TIM3's processes trust already");
      expect(r.stdout).toContain(`usda      ${usda} (USDA, Denomination 12, publishes in the blueprint form)`);
      expect(r.stdout).toMatch(/top-up +the node accepts messages only from a wallet with credit.*AO token/);
      expect(r.stdout).toContain(`external  usda ${usda}`);
      for (const role of ["tokenManager", "lockManager", "coordinator", "stateManager"]) {
        expect(r.stdout).toMatch(new RegExp(`spawn +${role}`));
        expect(r.stdout).toContain(`spawn ${role}: module ISShJH1ij-hPPt9St5UFFr_8Ys3Kj5cyg7zrMGt7H9s, scheduler n_XZJhUnmldNFo4dhajoPZWhBXuJk-OcQr5JQ49c4Zo, tags Authority=${nodeAddr} `);
      }
      expect(r.stdout).toContain(`${Tags.Denomination}=12`);
      expect(r.stdout).toContain(`Configure coordinator: `);
      expect(r.stdout).toContain(`${PeerTags.LockManager}=<lockManager>`);
      expect(r.stdout).toContain("dry run: nothing was sent");
      // Then the deployer's credit at the node's ledger (this stand-in keeps none: it does not charge).
      expect(requests).toEqual([
        "GET /~meta@1.0/info/address", "POST /graphql", `GET /${usda}~process@1.0/now/token-info/serialize~json@1.0`,
        `GET /ledger~node-process@1.0/now/balance/${await signer.address()}`,
      ]);
      expect(r.stdout).toContain(`credit    this plan sends 12 signed messages (4 spawns, 4 Evals, 4 Configures); the node keeps no ledger for ${await signer.address()}: it does not charge`);

      // A legacy USDA (ao.TN.1, the legacy Authority): TIM3's processes must trust that authority too, and the plan says so.
      usdaTags = [
        { name: "Variant", value: "ao.TN.1" }, { name: "Type", value: "Process" }, { name: "Authority", value: legacyAuthority },
        { name: "Scheduler", value: legacyScheduler }, { name: "Module", value: "M".repeat(43) },
      ];
      const legacy = await runBin("tools/deploy/bin/deploy.mjs", args);
      expect(legacy.code, legacy.stderr).toBe(0);
      expect(legacy.stdout).toContain(`usda spawn Variant=ao.TN.1 Authority=${legacyAuthority} Scheduler=${legacyScheduler} Module=${"M".repeat(43)}`);
      expect(legacy.stdout).toContain(`authority ${nodeAddr},${legacyAuthority} (the node's address, then USDA's)`);
      expect(legacy.stdout).toContain(`USDA's messages come under Authority ${legacyAuthority}, not the node's: TIM3's processes are spawned trusting both`);
      for (const role of ["tokenManager", "lockManager", "coordinator", "stateManager"]) {
        expect(legacy.stdout).toContain(`spawn ${role}: module ISShJH1ij-hPPt9St5UFFr_8Ys3Kj5cyg7zrMGt7H9s, scheduler n_XZJhUnmldNFo4dhajoPZWhBXuJk-OcQr5JQ49c4Zo, tags Authority=${nodeAddr},${legacyAuthority} `);
      }

      // A gateway that cannot answer: the dry run says it could not verify USDA's spawn and plans nothing.
      gatewayUp = false;
      const blind = await runBin("tools/deploy/bin/deploy.mjs", args);
      expect(blind.code).toBe(1);
      expect(blind.stderr).toContain(`could not verify USDA's spawn (${usda})`);
      expect(blind.stderr).toContain("HTTP 502");
      expect(blind.stdout).not.toContain("spawn tokenManager");
      gatewayUp = true;
      // A gateway that does not know USDA: the same refusal.
      usdaTags = [];
      writeFileSync(config, JSON.stringify({ ...profile, nodeUrl, gateway: nodeUrl, external: { usda: "U".repeat(43) } }));
      const unknown = await runBin("tools/deploy/bin/deploy.mjs", args);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain(`could not verify USDA's spawn (${"U".repeat(43)})`);
      expect(unknown.stderr).toContain(`knows no transaction ${"U".repeat(43)}`);
      writeFileSync(config, JSON.stringify({ ...profile, nodeUrl, gateway: nodeUrl }));
      usdaTags = [{ name: "Authority", value: nodeAddr }];

      denomination = "6";
      const wrong = await runBin("tools/deploy/bin/deploy.mjs", args);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain("Denomination 6, the profile expects 12");
      const missing = await runBin("tools/deploy/bin/deploy.mjs", ["--network", "mainnet", "--config", config, "--dry-run"]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("--wallet");
    } finally {
      await new Promise((ok) => node.close(ok));
    }
  });
});

describe("deploy to a devnet over HTTP", () => {
  it("refuses to spawn when MODULE or AUTHORITY in the environment disagree with the plan (aoconnect would use them); nothing is recorded", async () => {
    const network = localNetwork(units.info.urls);
    const other = join(dir, "env-clash-state.json");
    for (const [name, value] of [["MODULE", "X".repeat(43)], ["AUTHORITY", "Y".repeat(43)]] as const) {
      process.env[name] = value;
      try {
        await expect(deploy({ network, signer, stateFile: other })).rejects.toThrow(new RegExp(`^refusing to spawn: ${name}=${value} \\(the plan spawns`));
      } finally {
        delete process.env[name];
      }
    }
    expect(existsSync(other)).toBe(false);
    // The plan's own values are no clash.
    expect(() => assertSpawnEnvironment(network, { MODULE: network.module, AUTHORITY: network.authority })).not.toThrow();
  });

  it("deploys all five processes, wired and verified", async () => {
    const r = await deploy({ network: localNetwork(units.info.urls), signer, stateFile });
    expect(r.changes.filter((c) => c.startsWith("spawned"))).toHaveLength(5);
    expect(r.changes.filter((c) => c.startsWith("configured"))).toHaveLength(4);
    const state = readState(stateFile)!;
    // TIM3 deployed the USDA (mock-usda): clients read its balances in TIM3's form, first time.
    expect(state.usdaForm).toBe("tim3");
    // Whom its messages arrive under (its spawn's Authority: the node's), for the SDK's verdict read.
    expect(state.usdaAuthorities).toEqual([units.info.urls.scheduler]);
    const ids = processesOf(state);
    const client = createTim3Client({ network: units.info.urls, processes: ids, signer });
    const info = await client.info("lockManager");
    expect(info[Tags.SourceHash]).toBe(readBundle(bundlePath("lock-manager")).hash);
    expect(info[PeerTags.Coordinator]).toBe(ids.coordinator);
    expect(info[PeerTags.Admin]).toBe(await signer.address());
    expect((await client.info("tokenManager"))[Tags.Denomination]).toBe((await client.info("usda"))[Tags.Denomination]);
    // The devnet node relays process messages as itself: its address is the Authority every process trusts.
    expect(state.authority).toBe(units.info.urls.scheduler);
  });

  it("changes nothing when run again (through the CLI), and fills in USDA's authorities a state from before lacks", async () => {
    const { usdaAuthorities, ...older } = JSON.parse(readFileSync(stateFile, "utf8")) as DeployState;
    writeFileSync(stateFile, JSON.stringify(older));
    const before = readFileSync(stateFile, "utf8");
    const r = await runBin("tools/deploy/bin/deploy.mjs", ["--port", String(units.info.port), "--state", stateFile, "--wallet", walletFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("nothing changed");
    expect(r.stdout).not.toMatch(/spawned|updated|configured/);
    expect(processesOf(readState(stateFile)!)).toEqual(processesOf(JSON.parse(before)));
    expect(readState(stateFile)!.usdaAuthorities).toEqual(usdaAuthorities);
  });

  it("refuses a plan that trusts other authorities than the recorded processes were spawned with (Authority is fixed at spawn); nothing is sent", async () => {
    const before = readFileSync(stateFile, "utf8");
    const slots = async () => Promise.all(Object.values(processesOf(readState(stateFile)!)).map(async (pid) => (await fetch(`${units.info.urls.nodeUrl}/${pid}/slot/current`)).text()));
    const slotsBefore = await slots();
    const network = { ...localNetwork(units.info.urls), authority: `${units.info.urls.scheduler},${"Q".repeat(43)}` };
    for (const dryRun of [true, false]) {
      await expect(deploy({ network, signer, stateFile, dryRun })).rejects.toThrow(/were spawned trusting Authority .*; this plan trusts .*A process's Authority is fixed at spawn/);
    }
    expect(readFileSync(stateFile, "utf8")).toBe(before);
    expect(await slots()).toEqual(slotsBefore);
  });

  it("re-Evals only the process whose bundle changed", async () => {
    const original = readBundle(bundlePath("coordinator"));
    const body = original.lua.slice(original.lua.indexOf("\n") + 1) + "\n-- rebuilt with an extra comment\n";
    const modified = join(dir, "coordinator.lua");
    writeFileSync(modified, stampBundle(body, original.name, original.version));
    const ids = processesOf(readState(stateFile)!);
    const lines: string[] = [];
    const r = await deploy({ network: localNetwork(units.info.urls), signer, stateFile, bundles: { coordinator: modified }, log: (l) => lines.push(l) });
    expect(r.changes).toHaveLength(1);
    expect(r.changes[0]).toMatch(new RegExp(`^updated coordinator ${ids.coordinator}`));
    expect(lines.filter((l) => l.startsWith("plan: unchanged"))).toHaveLength(4);
    const state = readState(stateFile)!;
    expect(processesOf(state)).toEqual(ids);
    expect(state.processes.coordinator!.bundleHash).toBe(readBundle(modified).hash);
    const client = createTim3Client({ network: units.info.urls, processes: ids, signer });
    expect((await client.info("coordinator"))[Tags.SourceHash]).toBe(readBundle(modified).hash);
    // The state of the process survives the re-Eval (wiring kept).
    expect((await client.info("coordinator"))[PeerTags.TokenManager]).toBe(ids.tokenManager);
  });

  it("refuses to load an older version without --force", async () => {
    const original = readBundle(bundlePath("state-manager"));
    const older = join(dir, "state-manager-old.lua");
    writeFileSync(older, stampBundle(original.lua.slice(original.lua.indexOf("\n") + 1), original.name, "0.0.1"));
    await expect(deploy({ network: localNetwork(units.info.urls), signer, stateFile, bundles: { stateManager: older } })).rejects.toThrow(/refusing to downgrade/);
  });

  // RELEASING.md sections 2 and 3, rehearsed: before the admin hand-over below, while this key may still upgrade.
  it("release rehearsal: a changeset becomes versions and changelogs, the libraries pack at their new versions, and the plan names the one process whose bundle changes", async () => {
    const copy = join(dir, "release");
    copyForRelease(copy);
    const before = { sdk: versionOf(copy, "libs/sdk"), coordinator: versionOf(copy, "processes/coordinator"), lockManager: versionOf(copy, "processes/lock-manager") };
    writeChangeset(copy, "rehearsal", { "@tim3/sdk": "minor", "@tim3/coordinator": "minor" }, "Rehearsal: a minor change to the SDK and the Coordinator.");

    // 2. pnpm release:version
    const version = changesetVersion(copy);
    expect(version.code, version.output).toBe(0);
    const after = { sdk: versionOf(copy, "libs/sdk"), coordinator: versionOf(copy, "processes/coordinator"), lockManager: versionOf(copy, "processes/lock-manager") };
    expect(compareVersions(after.sdk, before.sdk)).toBeGreaterThan(0);
    expect(compareVersions(after.coordinator, before.coordinator)).toBeGreaterThan(0);
    expect(after.lockManager).toBe(before.lockManager);
    expect(readFileSync(join(copy, "processes/coordinator/CHANGELOG.md"), "utf8")).toContain("Rehearsal: a minor change");
    expect(existsSync(join(copy, ".changeset/rehearsal.md"))).toBe(false);

    // pnpm release:publish:dry-run: what npm would get, at the new versions, with the built entry points.
    const sdk = packDryRun(copy, "libs/sdk");
    expect(sdk).toMatchObject({ name: "@tim3/sdk", version: after.sdk });
    expect(sdk.files.some((f) => f.startsWith("dist/"))).toBe(true);
    expect(sdk.files.filter((f) => /(^|\/)test\//.test(f) || f.endsWith(".test.ts"))).toEqual([]);
    expect(packDryRun(copy, "libs/protocol").name).toBe("@tim3/protocol");

    // 3. Upgrading the processes: the Coordinator built at its new version is the only update the plan shows.
    const current = readBundle(bundlePath("coordinator"));
    const rebuilt = join(copy, "coordinator.lua");
    writeFileSync(rebuilt, stampBundle(current.lua.slice(current.lua.indexOf("\n") + 1), current.name, after.coordinator));
    const ids = processesOf(readState(stateFile)!);
    const plan = await runBin("tools/deploy/bin/deploy.mjs", [
      "--port", String(units.info.port), "--state", stateFile, "--wallet", walletFile, "--dry-run", "--bundle", `coordinator=${rebuilt}`,
    ]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(new RegExp(`update\\s+coordinator ${ids.coordinator}: [\\d.]+ \\(\\w+…\\) → ${after.coordinator.replace(/\./g, "\\.")} `));
    expect(plan.stdout.match(/unchanged /g)).toHaveLength(4);
    // A dry run changes nothing: the process still runs the bundle it ran.
    expect(processesOf(readState(stateFile)!)).toEqual(ids);
    const client = createTim3Client({ network: units.info.urls, processes: ids, signer });
    expect((await client.info("coordinator"))[Tags.Version]).not.toBe(after.coordinator);
  });
  it("hands every process to --admin: Info shows it as Admin and Owner, the deploy key can no longer upgrade", async () => {
    const adminSigner = nodeSigner(generateJwk());
    const admin = await adminSigner.address();
    const r = await deploy({ network: localNetwork(units.info.urls), signer, admin, stateFile });
    expect(r.changes.filter((c) => c.startsWith("handed"))).toHaveLength(5);
    const state = readState(stateFile)!;
    expect(state.admin).toBe(admin);
    const ids = processesOf(state);
    const client = createTim3Client({ network: units.info.urls, processes: ids, signer });
    for (const role of manifest.order) {
      const info = await client.info(role);
      expect(info[PeerTags.Admin], role).toBe(admin);
      expect(info[Tags.Owner], role).toBe(admin);
    }
    // A fix loaded with the old key is refused and not recorded; the admin's key loads it.
    const original = readBundle(bundlePath("lock-manager"));
    const fixed = join(dir, "lock-manager-fix.lua");
    writeFileSync(fixed, stampBundle(original.lua.slice(original.lua.indexOf("\n") + 1) + "\n-- security fix\n", original.name, original.version));
    await expect(deploy({ network: localNetwork(units.info.urls), signer, admin, stateFile, bundles: { lockManager: fixed } })).rejects.toThrow(/lockManager refused the bundle: Only the admin may Eval/);
    expect((await client.info("lockManager"))[Tags.SourceHash]).toBe(original.hash);
    const byAdmin = await deploy({ network: localNetwork(units.info.urls), signer: adminSigner, stateFile, bundles: { lockManager: fixed } });
    expect(byAdmin.changes).toEqual([expect.stringMatching(/^updated lockManager/)]);
    expect((await client.info("lockManager"))[Tags.SourceHash]).toBe(readBundle(fixed).hash);
  });
});

describe("command line", () => {
  it("--help prints the usage and exits 0; an unknown flag is refused", () => {
    const bin = join(workspaceRoot, "tools/deploy/bin/deploy.mjs");
    const help = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("usage:");
    const bad = spawnSync(process.execPath, [bin, "--no-such-flag"], { encoding: "utf8" });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("--no-such-flag");
  });
});
