/**
 * Deploy = plan + apply. The plan compares the built bundles with the state file (no network): spawn what is missing,
 * re-Eval what changed, keep the rest, refuse a version downgrade without `force`. Applying spawns with the Authority
 * tag, loads each bundle with an Eval, sends the Configure wiring that is missing, verifies every process with Info
 * (Source-Hash, Version, Admin, peers) and records ids, hashes and versions in the state file after every step.
 * With `admin`, it then hands every process to that admin (./ownership): no other key can Eval them afterwards.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Tags, type DeployedProcess, type DeployState } from "@tim3/protocol";
import { deployStateSchema } from "@tim3/protocol/schemas";

/** What a forced downgrade's Eval runs before the bundle: the process then loads the older version (libs/aos-kit). */
export const ALLOW_DOWNGRADE = "Tim3AllowDowngrade = true";
import { createTim3Client, toTags, type ProcessRole, type Tim3Client, type Tim3Processes, type Tim3Signer } from "@tim3/sdk";
import { nodeFetch } from "@tim3/sdk/node";
import { bundlePath, compareVersions, readBundle, type Bundle } from "./bundles";
import { manifest as defaultManifest, type Manifest, type NetworkConfig } from "./manifest";
import { assertEvalAccepted, handOver, ownershipProblems } from "./ownership";
import { assertCredit, creditPlan, planMessages } from "./credit";
import type { Plan, Step } from "./plan";

/** One process of the deployment (libs/protocol's DeployedProcess). */
export type ProcessRecord = DeployedProcess;

/** The deploy state file, declared once in the contract (libs/protocol's deployStateSchema). */
export type { DeployState };

export type { Plan, Step } from "./plan";

export interface DeployOptions {
  network: NetworkConfig;
  signer: Tim3Signer;
  /** Who holds the processes afterwards (their Admin and aos Owner); default: the deploying key. */
  admin?: string;
  stateFile: string;
  manifest?: Manifest;
  /** Bundle file per role instead of processes/<name>/dist/process.lua (tests deploy modified copies). */
  bundles?: Partial<Record<ProcessRole, string>>;
  /** Allow a version downgrade. */
  force?: boolean;
  /** Print the plan and stop: nothing is sent. */
  dryRun?: boolean;
  log?: (line: string) => void;
}

export interface DeployResult {
  plan: Plan;
  state: DeployState;
  /** One line per thing done ("spawned …", "updated …", "configured …"); empty when nothing changed. */
  changes: string[];
}

export function readState(stateFile: string): DeployState | undefined {
  if (!existsSync(stateFile)) return undefined;
  const parsed = deployStateSchema.safeParse(JSON.parse(readFileSync(stateFile, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${stateFile} is not a TIM3 deploy state (${issue.path.join(".") || "value"}: ${issue.message})`);
  }
  return parsed.data;
}

export function writeState(stateFile: string, state: DeployState): void {
  mkdirSync(dirname(stateFile), { recursive: true });
  const tmp = `${stateFile}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2) + "\n");
  renameSync(tmp, stateFile);
}

/** The process ids of a deployment, for createTim3Client. */
export function processesOf(state: DeployState): Tim3Processes {
  const p = state.processes;
  const id = (role: ProcessRole): string => {
    const r = p[role];
    if (r === undefined) throw new Error(`the deploy state has no ${role} process`);
    return r.id;
  };
  return { usda: id("usda"), tokenManager: id("tokenManager"), lockManager: id("lockManager"), coordinator: id("coordinator"), stateManager: id("stateManager") };
}

const short = (h: string) => h.slice(0, 12);

export function loadBundles(manifest: Manifest, overrides: Partial<Record<ProcessRole, string>> = {}): Record<ProcessRole, Bundle> {
  const out = {} as Record<ProcessRole, Bundle>;
  for (const role of manifest.order) out[role] = readBundle(overrides[role] ?? bundlePath(manifest.processes[role].name));
  return out;
}

/** The plan, from bundles and the recorded state only. Throws on a downgrade unless `force`. */
export function planDeploy(
  manifest: Manifest,
  network: NetworkConfig,
  bundles: Record<ProcessRole, Bundle>,
  state: DeployState | undefined,
  force = false,
): Plan {
  const steps: Step[] = [];
  const fresh = new Set<ProcessRole>();
  for (const role of manifest.order) {
    const external = network.external?.[role];
    if (external !== undefined) {
      steps.push({ kind: "external", role, id: external });
      continue;
    }
    const b = bundles[role];
    const rec = state?.processes[role];
    if (rec === undefined || rec.external) {
      steps.push({ kind: "spawn", role, name: b.name, version: b.version, hash: b.hash });
      fresh.add(role);
    } else if (rec.bundleHash === b.hash && rec.version === b.version) {
      steps.push({ kind: "keep", role, id: rec.id, version: rec.version, hash: rec.bundleHash });
    } else {
      const cmp = compareVersions(b.version, rec.version);
      if (cmp < 0 && !force) {
        throw new Error(`${role}: refusing to downgrade ${rec.version} → ${b.version} (use --force)`);
      }
      steps.push({ kind: "update", role, id: rec.id, fromVersion: rec.version, toVersion: b.version, fromHash: rec.bundleHash, toHash: b.hash, forced: cmp < 0 });
    }
  }
  const configure: ProcessRole[] = [];
  for (const role of manifest.order) {
    const wiring = manifest.wiring[role];
    if (wiring === undefined || network.external?.[role] !== undefined) continue;
    if (fresh.has(role) || Object.values(wiring).some((peer) => fresh.has(peer))) configure.push(role);
  }
  return { network: network.name, steps, configure };
}

/** What applying the plan sends, step by step (printed by a dry run). */
export function describeApply(manifest: Manifest, network: NetworkConfig, plan: Plan): string[] {
  const lines: string[] = [];
  for (const s of plan.steps) {
    if (s.kind !== "spawn") continue;
    const tags = Object.entries({ Authority: network.authority, ...manifest.processes[s.role].spawnTags }).map(([k, v]) => `${k}=${v}`);
    for (const [tag, src] of Object.entries(manifest.processes[s.role].spawnTagsFromInfo ?? {})) {
      tags.push(`${tag}=${network.externalInfo?.[src.from]?.[src.info] ?? `<${src.from} ${src.info}>`}`);
    }
    lines.push(`  spawn ${s.role}: module ${network.module}, scheduler ${network.scheduler}, tags ${tags.join(" ")}; then Eval ${s.name}@${s.version}`);
  }
  for (const s of plan.steps) if (s.kind === "update") lines.push(`  Eval ${manifest.processes[s.role].name}@${s.toVersion} into ${s.id}`);
  for (const role of plan.configure) {
    const wiring = manifest.wiring[role] ?? {};
    lines.push(`  Configure ${role}: ${Object.entries(wiring).map(([tag, peer]) => `${tag}=<${peer}>`).join(" ")}`);
  }
  lines.push(`  verify Info of ${plan.steps.filter((s) => s.kind !== "external").map((s) => s.role).join(", ")}: Source-Hash, Version, Admin, peers`);
  return lines;
}

export function describePlan(plan: Plan): string[] {
  const lines = plan.steps.map((s) => {
    switch (s.kind) {
      case "spawn":
        return `spawn     ${s.role} (${s.name}@${s.version}, ${short(s.hash)}…)`;
      case "update":
        return `update    ${s.role} ${s.id}: ${s.fromVersion} (${short(s.fromHash)}…) → ${s.toVersion} (${short(s.toHash)}…)${s.forced ? " [forced downgrade]" : ""}`;
      case "keep":
        return `unchanged ${s.role} ${s.id} (${s.version}, ${short(s.hash)}…)`;
      case "external":
        return `external  ${s.role} ${s.id}`;
    }
  });
  if (plan.configure.length > 0) lines.push(`configure ${plan.configure.join(", ")}`);
  return lines;
}

/**
 * aoconnect 0.0.98's mainnet spawn (connect/src/client/ao-core.js `spawnWith`) takes `process.env.MODULE` over the
 * module it is given and `process.env.AUTHORITY` over the authority: a deployer's shell could make it spawn what the
 * plan does not say, and the deploy state would record values that are not what ran. Refused before anything is sent.
 */
export function assertSpawnEnvironment(network: Pick<NetworkConfig, "module" | "authority">, env: Record<string, string | undefined> = process.env): void {
  const clashes: string[] = [];
  if (env.MODULE !== undefined && env.MODULE !== "" && env.MODULE !== network.module) clashes.push(`MODULE=${env.MODULE} (the plan spawns module ${network.module})`);
  if (env.AUTHORITY !== undefined && env.AUTHORITY !== "" && env.AUTHORITY !== network.authority) {
    clashes.push(`AUTHORITY=${env.AUTHORITY} (the plan spawns with Authority ${network.authority})`);
  }
  if (clashes.length > 0) {
    throw new Error(
      `refusing to spawn: ${clashes.join(" and ")} in the environment; aoconnect would spawn with it instead of the plan's value, ` +
        "and the deploy state would record what did not run. Unset it (or make it match the plan) and run again.",
    );
  }
}

/**
 * aos reads a process's Authority once, at spawn (`process/ao.lua` `ao.init`), and no message can change it: processes
 * the state file records as spawned trusting other authorities than the plan's would keep dropping (or accepting)
 * what the plan says they must not. Refused before anything is sent; start a new deployment instead.
 */
export function assertSameAuthority(state: DeployState | undefined, network: Pick<NetworkConfig, "authority">, plan: Plan): void {
  if (state === undefined || state.authority === network.authority) return;
  const kept = plan.steps.filter((s) => s.kind === "keep" || s.kind === "update").map((s) => s.role);
  if (kept.length === 0) return;
  throw new Error(
    `the recorded deployment's processes (${kept.join(", ")}) were spawned trusting Authority ${state.authority}; this plan trusts ${network.authority}. ` +
      "A process's Authority is fixed at spawn: deploy anew with another state file (on the devnet: devnet up --reset)",
  );
}

async function exists(client: Tim3Client, id: string): Promise<boolean> {
  try {
    await client.info(id);
    return true;
  } catch {
    return false;
  }
}

export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const manifest = options.manifest ?? defaultManifest;
  const network = options.network;
  const log = options.log ?? (() => undefined);
  const bundles = loadBundles(manifest, options.bundles);
  const deployer = await options.signer.address();
  const admin = options.admin ?? deployer;
  let state = readState(options.stateFile);
  if (state !== undefined && state.network !== network.name) {
    throw new Error(`${options.stateFile} is a ${state.network} deployment, not ${network.name}`);
  }
  const placeholder: Tim3Processes = { usda: "", tokenManager: "", lockManager: "", coordinator: "", stateManager: "" };
  const client = createTim3Client({ network, processes: placeholder, signer: options.signer, fetch: nodeFetch() });

  if (options.dryRun) {
    const plan = planDeploy(manifest, network, bundles, state, options.force);
    assertSameAuthority(state, network, plan);
    for (const line of describePlan(plan)) log(line);
    for (const line of describeApply(manifest, network, plan)) log(line);
    for (const line of (await creditPlan(network.nodeUrl, deployer, planMessages(manifest, network, plan, admin !== deployer))).lines) log(line);
    log("dry run: nothing was sent");
    return { plan, state: state ?? emptyState(network, admin), changes: [] };
  }

  // Processes recorded for a devnet whose data was wiped are gone: forget them.
  if (state !== undefined && network.name === "local") {
    for (const role of manifest.order) {
      const rec = state.processes[role];
      if (rec !== undefined && !rec.external && !(await exists(client, rec.id))) {
        log(`${role} ${rec.id} is not on this devnet any more: it will be spawned again`);
        delete state.processes[role];
      }
    }
  }
  const plan = planDeploy(manifest, network, bundles, state, options.force);
  for (const line of describePlan(plan)) log(`plan: ${line}`);
  assertSameAuthority(state, network, plan);
  if (plan.steps.some((s) => s.kind === "spawn")) assertSpawnEnvironment(network);
  // On a charging node: what the plan's messages cost, refused before anything is sent when the credit falls short.
  const credit = await creditPlan(network.nodeUrl, deployer, planMessages(manifest, network, plan, admin !== deployer));
  for (const line of credit.lines) log(`plan: ${line}`);
  assertCredit(network.nodeUrl, deployer, credit);
  state ??= emptyState(network, admin);
  // Every process kept trusts it already (assertSameAuthority); every one spawned now is spawned with it.
  state.authority = network.authority;
  state.urls = { nodeUrl: network.nodeUrl, scheduler: network.scheduler };
  state.usdaForm = network.external?.usda !== undefined ? network.usdaForm : "tim3";
  if (state.usdaForm === undefined) delete state.usdaForm;
  // Whom USDA's messages arrive under, for the SDK's verdict read: an external USDA's spawn's Authority tags as read at
  // the gateway; a USDA this deploy spawns (or kept: assertSameAuthority) trusts `authority`, one comma-separated tag.
  state.usdaAuthorities = network.external?.usda !== undefined ? network.usdaAuthorities : network.authority.split(",").filter((a) => a !== "");
  if (state.usdaAuthorities === undefined || state.usdaAuthorities.length === 0) delete state.usdaAuthorities;
  const changes: string[] = [];
  const save = () => {
    state!.updatedAt = new Date().toISOString();
    writeState(options.stateFile, state!);
  };
  const ids: Partial<Record<ProcessRole, string>> = {};

  for (const step of plan.steps) {
    const role = step.role;
    const b = bundles[role];
    if (step.kind === "external") {
      ids[role] = step.id;
      state.processes[role] = { id: step.id, name: manifest.processes[role].name, version: "", bundleHash: "", external: true };
    } else if (step.kind === "keep") {
      ids[role] = step.id;
    } else if (step.kind === "spawn") {
      const tags: Record<string, string> = { Authority: network.authority, ...manifest.processes[role].spawnTags };
      for (const [tag, src] of Object.entries(manifest.processes[role].spawnTagsFromInfo ?? {})) {
        const from = ids[src.from];
        if (from === undefined) throw new Error(`${role} needs ${src.from} first (spawn order)`);
        const value = network.externalInfo?.[src.from]?.[src.info] ?? (await client.info(from))[src.info];
        if (value === undefined) throw new Error(`${src.from} Info has no ${src.info}`);
        tags[tag] = value;
      }
      // A charging node's refusal is the SDK's Node-Credit error (its spawn reads the ledger when aoconnect hides the 402).
      const id = await client.ao.spawn({ module: network.module, authority: network.authority, tags: toTags(tags) });
      ids[role] = id;
      const now = new Date().toISOString();
      state.processes[role] = { id, name: manifest.processes[role].name, version: "", bundleHash: "", spawnedAt: now };
      save();
      await client.ao.evalLua(id, b.lua);
      state.processes[role] = { ...state.processes[role]!, version: b.version, bundleHash: b.hash, updatedAt: now };
      save();
      const line = `spawned ${role} (${b.name}@${b.version}) → ${id}`;
      changes.push(line);
      log(line);
    } else {
      ids[role] = step.id;
      // A process refuses an older bundle over a newer one (libs/aos-kit refuseDowngrade) unless the Eval says so first.
      const lua = step.forced ? `${ALLOW_DOWNGRADE}\n${b.lua}` : b.lua;
      assertEvalAccepted(role, (await client.ao.evalLua(step.id, lua)).result);
      state.processes[role] = { ...state.processes[role]!, version: b.version, bundleHash: b.hash, updatedAt: new Date().toISOString() };
      save();
      const line = `updated ${role} ${step.id}: ${step.fromVersion} (${short(step.fromHash)}…) → ${step.toVersion} (${short(step.toHash)}…)`;
      changes.push(line);
      log(line);
    }
  }

  // Wiring: send each process the Configure tags its Info does not show yet.
  const infos: Partial<Record<ProcessRole, Record<string, string>>> = {};
  // Only TIM3's own processes expose process-info (an external USDA is used as it is).
  for (const role of manifest.order) if (network.external?.[role] === undefined) infos[role] = await client.info(ids[role]!);
  for (const role of manifest.order) {
    const wiring = manifest.wiring[role];
    if (wiring === undefined || network.external?.[role] !== undefined) continue;
    const missing: Record<string, string> = {};
    for (const [tag, peer] of Object.entries(wiring)) if (infos[role]![tag] !== ids[peer]) missing[tag] = ids[peer]!;
    if (Object.keys(missing).length === 0) continue;
    await client.configure(ids[role]!, missing);
    infos[role] = await client.info(ids[role]!);
    const line = `configured ${role}: ${Object.keys(missing).sort().join(", ")}`;
    changes.push(line);
    log(line);
  }

  const deployed: Partial<Record<ProcessRole, string>> = {};
  for (const role of manifest.order) if (network.external?.[role] === undefined) deployed[role] = ids[role];
  for (const line of await handOver(client, deployed, infos, deployer, admin)) {
    changes.push(line);
    log(line);
  }
  state.admin = admin;

  // Verify every deployed process.
  const problems: string[] = [];
  for (const role of manifest.order) {
    if (network.external?.[role] !== undefined) continue;
    const info = infos[role]!;
    const b = bundles[role];
    if (info[Tags.SourceHash] !== b.hash) problems.push(`${role}: Source-Hash ${info[Tags.SourceHash]} != bundle ${b.hash}`);
    if (info[Tags.Version] !== b.version) problems.push(`${role}: Version ${info[Tags.Version]} != bundle ${b.version}`);
    problems.push(...ownershipProblems(role, info, admin));
    for (const [tag, peer] of Object.entries(manifest.wiring[role] ?? {})) {
      if (info[tag] !== ids[peer]) problems.push(`${role}: ${tag} ${info[tag]} != ${peer} ${ids[peer]}`);
    }
  }
  if (problems.length > 0) throw new Error(`verification failed:\n  ${problems.join("\n  ")}`);
  log(`verified ${manifest.order.length} processes (Info: Source-Hash, Version, Admin = Owner, peers)`);
  if (changes.length === 0) log("nothing changed");
  save();
  return { plan, state, changes };
}

function emptyState(network: NetworkConfig, admin: string): DeployState {
  return {
    network: network.name,
    urls: { nodeUrl: network.nodeUrl, scheduler: network.scheduler },
    module: network.module,
    scheduler: network.scheduler,
    authority: network.authority,
    admin,
    processes: {},
    updatedAt: new Date().toISOString(),
  };
}
