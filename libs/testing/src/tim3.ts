/**
 * All five TIM3 processes in the real aos module, wired as on mainnet: each spawned by the admin with an Authority
 * tag, its built bundle loaded by Eval, peers set by Configure. Helpers send what wallets send and read the state
 * the 1:1 invariant is about.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Actions, ProcessRoles, Tags, Topology, type ProcessRole } from "@tim3/protocol";
import { AosProcess, newId, type Envelope } from "@tim3/local-ao";
import { blueprintUsdaLua } from "@tim3/local-ao/blueprint-usda";
import { Network, type Delivered, type FaultPlan } from "./network";

/** The process folders, in spawn order (libs/protocol's topology). */
export const PROCESS_NAMES: readonly string[] = ProcessRoles.map((role) => Topology[role].folder);
export type ProcessName = string;

const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export function bundlePath(name: ProcessName): string {
  return join(workspaceRoot, "processes", name, "dist", "process.lua");
}

export function loadBundle(name: ProcessName): string {
  try {
    return readFileSync(bundlePath(name), "utf8");
  } catch {
    throw new Error(`${bundlePath(name)} is missing: build it first (pnpm nx build ${name})`);
  }
}

/**
 * Which USDA the system runs against: "mock" (processes/mock-usda, TIM3's devnet token) or "blueprint" (our own
 * double of a token behaving like the aos token blueprint, libs/local-ao/lua/blueprint-usda.lua). Tests default to
 * the TIM3_USDA environment variable, so a whole suite can be run against either.
 */
export type UsdaKind = "mock" | "blueprint";

export function defaultUsdaKind(): UsdaKind {
  return process.env.TIM3_USDA === "blueprint" ? "blueprint" : "mock";
}

/** The blueprint-like USDA's Lua as it is loaded (its home is the local AO, @tim3/local-ao/blueprint-usda). */
export { blueprintUsdaLua };

export interface Tim3System {
  network: Network;
  usdaKind: UsdaKind;
  admin: string;
  usda: AosProcess;
  tokenManager: AosProcess;
  lockManager: AosProcess;
  coordinator: AosProcess;
  stateManager: AosProcess;
  processes: Record<ProcessName, AosProcess>;
}

/** Spawns one process from its bundle into the network. */
export async function spawnProcess(network: Network, name: ProcessName, owner: string, tags: Record<string, string> = {}): Promise<AosProcess> {
  const p = await AosProcess.spawn({ owner, tags: { Name: `tim3-${name}`, ...tags } });
  await p.eval(loadBundle(name), network.now());
  network.add(p.pid, p);
  return p;
}

/** Spawns the blueprint-like USDA double into the network. */
export async function spawnBlueprintUsda(network: Network, owner: string): Promise<AosProcess> {
  const p = await AosProcess.spawn({ owner, tags: { Name: "tim3-blueprint-usda" } });
  await p.eval(blueprintUsdaLua(), network.now());
  network.add(p.pid, p);
  return p;
}

export async function deployTim3(
  options: {
    faults?: FaultPlan;
    order?: "fifo" | "depth-first";
    usda?: UsdaKind;
    /** Shrinks every bounded memory of every TIM3 process to this capacity before it handles anything (fuzzing). */
    memoryCapacity?: number;
  } = {},
): Promise<Tim3System> {
  const network = new Network({ faults: options.faults, order: options.order });
  const admin = newId();
  const usdaKind = options.usda ?? defaultUsdaKind();
  // Spawned in topology order with the topology's spawn tags (a tag taken from another's Info, such as the Token
  // Manager's Denomination, is read from that process), then each configured with its peers.
  const byRole = {} as Record<ProcessRole, AosProcess>;
  for (const role of ProcessRoles) {
    const t = Topology[role];
    if (role === "usda" && usdaKind === "blueprint") {
      byRole[role] = await spawnBlueprintUsda(network, admin);
      continue;
    }
    const tags: Record<string, string> = { ...t.spawnTags };
    for (const [tag, source] of Object.entries(t.spawnTagsFromInfo ?? {})) {
      const log = await network.send(admin, byRole[source.from].pid, { [Tags.Action]: Actions.Info });
      const value = log.flatMap((d) => d.outbox).find((o) => o.target === admin)?.tags[source.info];
      if (value === undefined) throw new Error(`${source.from} Info has no ${source.info} for ${role}'s ${tag}`);
      tags[tag] = value;
    }
    byRole[role] = await spawnProcess(network, t.folder, admin, tags);
  }
  const { usda, tokenManager, lockManager, coordinator, stateManager } = byRole;
  if (options.memoryCapacity !== undefined) {
    const globals: [AosProcess, string][] = [[tokenManager, "TokenManager"], [lockManager, "LockManager"], [coordinator, "Coordinator"], [stateManager, "StateManager"]];
    if (usdaKind === "mock") globals.push([usda, "MockUsda"]);
    for (const [p, name] of globals) await shrinkBoundedMemories(p, name, options.memoryCapacity);
  }
  for (const role of ProcessRoles) {
    const peers = Topology[role].peers;
    if (peers.length === 0) continue;
    const tags: Record<string, string> = { [Tags.Action]: Actions.Configure };
    for (const peer of peers) tags[Topology[peer].peerTag] = byRole[peer].pid;
    const p = byRole[role];
    const log = await network.send(admin, p.pid, tags);
    const reply = log.flatMap((d) => d.outbox).find((o) => o.target === admin);
    if (reply?.tags[Tags.Action] !== Actions.ConfigureDone) throw new Error(`Configure of ${p.pid} failed: ${JSON.stringify(reply?.tags)}`);
  }
  const processes: Record<ProcessName, AosProcess> = {};
  for (const role of ProcessRoles) processes[Topology[role].folder] = byRole[role];
  return { network, usdaKind, admin, usda, tokenManager, lockManager, coordinator, stateManager, processes };
}

/** The admin mints Mock USDA to a holder. */
export async function fundUsda(sys: Tim3System, holder: string, quantity: string): Promise<void> {
  await sys.network.send(sys.admin, sys.usda.pid, { [Tags.Action]: Actions.Mint, [Tags.Recipient]: holder, [Tags.Quantity]: quantity });
}

/** Mint TIM3 as a wallet does: a USDA Transfer to the Lock Manager with X-Action = Mint. */
export function mintTim3(sys: Tim3System, holder: string, quantity: string, requestId?: string): Promise<Delivered[]> {
  const tags: Record<string, string> = {
    [Tags.Action]: Actions.Transfer,
    [Tags.Recipient]: sys.lockManager.pid,
    [Tags.Quantity]: quantity,
    [Tags.XAction]: Actions.Mint,
  };
  if (requestId !== undefined) tags[Tags.XRequestId] = requestId;
  return sys.network.send(holder, sys.usda.pid, tags);
}

/** Redeem TIM3 as a wallet does: a TIM3 Transfer to the Coordinator with X-Action = Redeem. */
export function redeemTim3(sys: Tim3System, holder: string, quantity: string, requestId?: string): Promise<Delivered[]> {
  const tags: Record<string, string> = {
    [Tags.Action]: Actions.Transfer,
    [Tags.Recipient]: sys.coordinator.pid,
    [Tags.Quantity]: quantity,
    [Tags.XAction]: Actions.Redeem,
  };
  if (requestId !== undefined) tags[Tags.XRequestId] = requestId;
  return sys.network.send(holder, sys.tokenManager.pid, tags);
}

export interface Holdings {
  usda: Record<string, string>;
  tim3: Record<string, string>;
  tim3Supply: string;
  usdaSupply: string;
  locked: string;
}

/** Where each USDA keeps its balances: mock-usda in MockUsda.ledger, the blueprint-like USDA in the global Balances. */
function usdaBalances(sys: Tim3System): string {
  return sys.usdaKind === "blueprint" ? "Balances" : "MockUsda.ledger.balances";
}

export async function holdings(sys: Tim3System): Promise<Holdings> {
  const usdaLedger = sys.usdaKind === "blueprint" ? "{ balances = Balances, totalSupply = TotalSupply }" : "MockUsda.ledger";
  const usda = await sys.usda.read<{ balances: Record<string, string>; totalSupply: string }>(usdaLedger);
  const tim3 = await sys.tokenManager.read<{ balances: Record<string, string>; totalSupply: string }>("TokenManager.ledger");
  const locked = await sys.lockManager.read<string>("LockManager.locked");
  return { usda: usda.balances, tim3: tim3.balances, tim3Supply: tim3.totalSupply, usdaSupply: usda.totalSupply, locked };
}

/** One account's balance of USDA or TIM3, as holdings() reads it, in one read (holdings() makes three). */
export async function balanceOf(sys: Tim3System, token: "usda" | "tim3", account: string): Promise<bigint> {
  const [p, balances] = token === "usda" ? [sys.usda, usdaBalances(sys)] : [sys.tokenManager, "TokenManager.ledger.balances"];
  return BigInt((await p.read<string | null>(`${balances}[${JSON.stringify(account)}]`)) ?? "0");
}

/**
 * The 1:1 invariant at a quiet moment, plus: the Lock Manager really holds at least what it counts. `h`: holdings
 * the caller read at this same moment (saves reading them again).
 */
export async function invariantViolations(sys: Tim3System, h?: Holdings): Promise<string[]> {
  h ??= await holdings(sys);
  const problems: string[] = [];
  if (h.tim3Supply !== h.locked) problems.push(`TIM3 supply ${h.tim3Supply} != USDA locked ${h.locked}`);
  const held = BigInt(h.usda[sys.lockManager.pid] ?? "0");
  if (held < BigInt(h.locked)) problems.push(`Lock Manager holds ${held} USDA but counts ${h.locked}`);
  // TIM3 the Coordinator keeps as owed to a sender past its return limit (process-kit returns.ts) is that sender's,
  // waiting for its Claim-Returns: not an operation left unfinished.
  const owedTim3 = await sys.coordinator.read<Record<string, Record<string, string>> | undefined>("Coordinator.core.owed");
  let kept = 0n;
  for (const sender in owedTim3 ?? {}) kept += BigInt(owedTim3?.[sender]?.[sys.tokenManager.pid] ?? "0");
  const coordinatorTim3 = BigInt(h.tim3[sys.coordinator.pid] ?? "0") - kept;
  if (coordinatorTim3 !== 0n) problems.push(`Coordinator still holds ${coordinatorTim3} TIM3 at a quiet moment beyond what it owes`);
  return problems;
}

/** Messages that reached a wallet during a flow, with their hop count from the wallet's own message. */
export function messagesTo(log: Delivered[], wallet: string): Envelope[] {
  return log.map((d) => d.envelope).filter((e) => e.target === wallet);
}

/**
 * Test-only: sets `account`'s USDA balance outside any transfer (USDA leaving or reaching an account without TIM3
 * knowing), in whichever USDA the system runs against: mock-usda keeps it in MockUsda.ledger, the blueprint-like
 * USDA in the global Balances, as the aos token blueprint does.
 */
export async function setUsdaBalance(sys: Tim3System, account: string, quantity: string): Promise<void> {
  await sys.usda.eval(`${usdaBalances(sys)}["${account}"] = "${quantity}"`);
}

/** Test-only on the blueprint-like USDA: the spawner takes `quantity` from `account` (funds leave outside TIM3). */
export async function seizeUsda(sys: Tim3System, account: string, quantity: string): Promise<void> {
  if (sys.usdaKind !== "blueprint") throw new Error("seizeUsda needs the blueprint-like USDA");
  await sys.network.send(sys.admin, sys.usda.pid, { [Tags.Action]: "Seize", [Tags.Account]: account, [Tags.Quantity]: quantity });
}

/**
 * Models an attacker who flushes every bounded memory cheaply: every empty fixed-size ring (a Lua table with
 * capacity, size, next and items, as libs/process-kit's Ring) in the process's state global gets `capacity`. Run right
 * after deployment, before the memory holds anything; what a ring then forgets after `capacity` entries is what it
 * would forget after its real capacity of junk. Returns how many rings were shrunk.
 */
export async function shrinkBoundedMemories(p: AosProcess, globalName: string, capacity: number, skip: string[] = []): Promise<number> {
  const lua = `
local count = 0
local skip = {${skip.map((k) => `["${k}"] = true`).join(", ")}}
local function walk(t, path, depth)
  if depth > 6 or type(t) ~= "table" then return end
  if type(t.capacity) == "number" and type(t.size) == "number" and type(t.items) == "table" then
    if t.size == 0 and not skip[path] then t.capacity = ${capacity}; count = count + 1 end
    return
  end
  for k, v in pairs(t) do
    if type(k) == "string" then walk(v, path == "" and k or (path .. "." .. k), depth + 1) end
  end
end
walk(${globalName}, "", 0)
print(count)`;
  return Number(await p.eval(lua));
}
