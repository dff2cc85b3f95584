/**
 * Shared set-up for the flow tests: a fresh TIM3 deployment in the real aos module, funded holders, readers for
 * what a holder sees (notices in the wallet inbox), and the checks every test ends with: the 1:1 invariant and
 * conservation of each holder's USDA + TIM3.
 */
import { expect } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import {
  balanceOf, deployTim3, fundUsda, holdings, invariantViolations, mintTim3, newId, redeemTim3, type AosProcess, type Delivered, type Envelope, type FaultPlan,
  type Tim3System, type UsdaKind,
} from "@tim3/testing";

export interface World {
  sys: Tim3System;
  holders: string[];
  /** What each holder was given, in USDA base units. */
  funded: Record<string, bigint>;
}

/**
 * A deployed TIM3 with funded holders. `memoryCapacity` shrinks every bounded memory of every TIM3 process before it
 * handles anything (libs/testing's deployTim3), so a flush costs a few dozen junk messages instead of thousands.
 */
export async function world(holderCount = 2, usdaEach = 1_000_000n, faults?: FaultPlan, usda?: UsdaKind, memoryCapacity?: number): Promise<World> {
  const sys = await deployTim3({ faults, usda, memoryCapacity });
  const holders: string[] = [];
  const funded: Record<string, bigint> = {};
  for (let i = 0; i < holderCount; i++) {
    const h = newId();
    holders.push(h);
    funded[h] = usdaEach;
    await fundUsda(sys, h, usdaEach.toString());
  }
  return { sys, holders, funded };
}

/** The notices and replies that reached a wallet during one flow. */
export function received(log: Delivered[], wallet: string): Envelope[] {
  return log.map((d) => d.envelope).filter((e) => e.target === wallet);
}

export function find(log: Delivered[], wallet: string, action: string, from?: string): Envelope | undefined {
  return received(log, wallet).find((e) => e.tags[Tags.Action] === action && (from === undefined || e.from === from));
}

/** Get-Operation for a holder's request id, asked by that holder (a request id is a label scoped to its holder). */
export async function operationOf(sys: Tim3System, holder: string, requestId: string): Promise<Record<string, string>> {
  const [reply] = await sys.network.query(holder, sys.coordinator.pid, {
    [Tags.Action]: Actions.GetOperation,
    [Tags.RequestId]: requestId,
    [Tags.Holder]: holder,
  });
  return reply.tags;
}

/** Sends `count` messages nobody handles to a process, from strangers: what an attacker does to flush its memories. */
export async function flushWithJunk(sys: Tim3System, pid: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await sys.network.send(newId(), pid, { [Tags.Action]: "Junk" });
}

/** A TIM3 process and its state global (its message-id memory is `<global>.core.seen`), by pid. */
function tim3Process(sys: Tim3System, pid: string): { p: AosProcess; global: string } {
  const all = [
    { p: sys.tokenManager, global: "TokenManager" }, { p: sys.lockManager, global: "LockManager" },
    { p: sys.coordinator, global: "Coordinator" }, { p: sys.stateManager, global: "StateManager" },
  ];
  const found = all.find((x) => x.p.pid === pid);
  if (found === undefined) throw new Error(`${pid} is not a TIM3 process`);
  return found;
}

/**
 * What an attacker does to make a TIM3 process forget every message it has seen: junk from strangers, one more than
 * its message-id memory holds (read from the process, so a test world deployed with a small `memoryCapacity` flushes
 * it cheaply). Checks the flush happened: no identity the memory held before the junk is still held after it.
 */
export async function flushSeenIds(sys: Tim3System, pid: string): Promise<void> {
  const { p, global } = tim3Process(sys, pid);
  const seen = `${global}.core.seen`;
  const before = Object.keys(await p.read<Record<string, boolean>>(`${seen}.ids`));
  const capacity = await p.read<number>(`${seen}.ring.capacity`);
  await flushWithJunk(sys, pid, capacity + 1);
  const after = await p.read<Record<string, boolean>>(`${seen}.ids`);
  expect(before.length, "the memory held something to forget").toBeGreaterThan(0);
  expect(before.filter((id) => after[id] === true), "identities still remembered after the flush").toEqual([]);
}

export function tim3Of(sys: Tim3System, holder: string): Promise<bigint> {
  return balanceOf(sys, "tim3", holder);
}

export function usdaOf(sys: Tim3System, holder: string): Promise<bigint> {
  return balanceOf(sys, "usda", holder);
}

/**
 * At a quiet moment: TIM3 supply == USDA locked, the Lock Manager holds what it counts, and each holder's
 * USDA + TIM3 equals what it was funded plus what `moved` says it received from other holders.
 */
export async function expectBackedAndConserved(w: World, moved: Record<string, bigint> = {}): Promise<void> {
  const h = await holdings(w.sys);
  expect(await invariantViolations(w.sys, h)).toEqual([]);
  for (const holder of w.holders) {
    const total = BigInt(h.usda[holder] ?? "0") + BigInt(h.tim3[holder] ?? "0");
    expect(total, `holder ${holder} USDA + TIM3`).toBe(w.funded[holder] + (moved[holder] ?? 0n));
  }
}

export async function adminSend(w: World, target: string, tags: Record<string, string>): Promise<Envelope | undefined> {
  const log = await w.sys.network.send(w.sys.admin, target, tags);
  return received(log, w.sys.admin)[0];
}

/**
 * A victim's 50-TIM3 redeem whose release the Lock Manager has sent, with its USDA Transfer held back: the moment an
 * attacker watching the Lock Manager's scheduler races it. Against the blueprint-like USDA, which answers Reply-To.
 */
export async function redeemAwaitingItsTransfer() {
  const w = await world(2, 1_000_000n, undefined, "blueprint");
  const [victim, attacker] = w.holders;
  const lm = w.sys.lockManager.pid;
  const usda = w.sys.usda.pid;
  await mintTim3(w.sys, victim, "100", "v-m");
  w.sys.network.hold((e) => e.from === lm && e.target === usda && e.tags[Tags.Action] === Actions.Transfer);
  const log = await redeemTim3(w.sys, victim, "50", "v-r");
  const release = log.map((d) => d.envelope).find((e) => e.target === lm && e.tags[Tags.Action] === Actions.Release) as Envelope;
  return { w, victim, attacker, lm, usda, release, key: release.tags[Tags.Operation] };
}

/**
 * A stranger's aos process that, on Go, sends 1 unit of `token` to `target`, and sends every token it receives back to
 * its Sender: the bouncer of tests/flows/test/bounce-loop.test.ts and bounded-returns.test.ts.
 */
export function bouncerLua(token: string, target: string): string {
  return `
Handlers.add('go', Handlers.utils.hasMatchingTag('Action', 'Go'), function(m)
  ao.send({ Target = '${token}', Action = 'Transfer', Recipient = '${target}', Quantity = '1' })
end)
Handlers.add('bounce', Handlers.utils.hasMatchingTag('Action', 'Credit-Notice'), function(m)
  ao.send({ Target = m.From, Action = 'Transfer', Recipient = m.Sender, Quantity = m.Quantity })
end)`;
}
