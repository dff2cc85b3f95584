/**
 * Shared setup for the mock-usda suite: one Mock USDA process in the real aos module, spawned by an admin wallet,
 * plus helpers that send what wallets send and read what a user would see (replies, balances, the state as a whole
 * to prove that a rejection changed nothing).
 */
import { expect } from "vitest";
import { Actions, errorActionFor, Tags } from "@tim3/protocol";
import { messagesTo, Network, newId, spawnProcess, type AosProcess, type Delivered, type Envelope } from "@tim3/testing";

export interface Usda {
  network: Network;
  admin: string;
  p: AosProcess;
  pid: string;
}

export async function spawnUsda(): Promise<Usda> {
  const network = new Network();
  const admin = newId();
  const p = await spawnProcess(network, "mock-usda", admin);
  return { network, admin, p, pid: p.pid };
}

/**
 * The whole process state except its memories of messages: `core.seen` (every delivery touches it), `core.evaluated`
 * (the owner's Evals: it holds the reading Eval itself while it runs) and `core.refused` (a holder's refused Transfers,
 * kept so that one delivered again stays refused; tests/flows' replay tests cover it). Balances, escrow, supply and
 * everything else a refusal must not change are compared whole.
 * Copied in Lua with every key as a string: the audit ring is keyed from 0, which aos's JSON encoder refuses.
 */
const SNAPSHOT = `(function()
  local function copy(v)
    if type(v) ~= "table" then return v end
    local out = {}
    for k, x in pairs(v) do out[tostring(k)] = copy(x) end
    return out
  end
  local s = copy(MockUsda)
  s.core.seen = nil
  s.core.evaluated = nil
  s.core.refused = nil
  return s
end)()`;

export type Snapshot = Record<string, unknown>;

export function snapshot(u: Usda): Promise<Snapshot> {
  return u.p.read<Snapshot>(SNAPSHOT);
}

export interface Ledger {
  balances: Record<string, string>;
  locked: Record<string, string>;
  totalSupply: string;
}

/** aos encodes an empty Lua table as `[]`; read the ledger with empty maps as `{}`. */
export async function ledger(u: Usda): Promise<Ledger> {
  const raw = await u.p.read<{ balances: unknown; locked: unknown; totalSupply: string }>("MockUsda.ledger");
  const obj = (v: unknown): Record<string, string> => (Array.isArray(v) ? {} : (v as Record<string, string>));
  return { balances: obj(raw.balances), locked: obj(raw.locked), totalSupply: raw.totalSupply };
}

/** A wallet sends; returns the delivery log and the request's own envelope. */
export async function send(u: Usda, wallet: string, tags: Record<string, string>, data = ""): Promise<{ log: Delivered[]; request: Envelope }> {
  const request = u.network.envelope(wallet, u.pid, tags, data);
  const log = await u.network.sendEnvelope(request);
  return { log, request };
}

/** Every message the process sent during `log` (what reached wallets), in order. */
export function replies(log: Delivered[]): Envelope[] {
  return log.slice(1).map((d) => d.envelope);
}

/** The one message `wallet` received during `log`. */
export function onlyTo(log: Delivered[], wallet: string): Envelope {
  const got = messagesTo(log, wallet);
  expect(got.map((e) => e.tags[Tags.Action]), `messages to ${wallet}`).toHaveLength(1);
  return got[0];
}

/**
 * Sends a message that must be refused: the sender gets exactly one `<Action>-Error` (or `Error`) reply carrying the
 * request's id and `error`, nobody else hears anything, and the state is exactly as before.
 */
export async function expectRejected(
  u: Usda,
  wallet: string,
  tags: Record<string, string>,
  error: string | RegExp,
  errorAction?: string,
): Promise<Envelope> {
  const before = await snapshot(u);
  const { log, request } = await send(u, wallet, tags);
  const out = replies(log);
  expect(out.map((e) => [e.target, e.tags[Tags.Action]])).toEqual([[wallet, errorAction ?? errorActionFor(tags[Tags.Action])]]);
  const reply = out[0];
  expect(reply.tags[Tags.MessageId]).toBe(request.id);
  if (typeof error === "string") expect(reply.tags[Tags.Error]).toBe(error);
  else expect(reply.tags[Tags.Error]).toMatch(error);
  expect(await snapshot(u)).toEqual(before);
  return reply;
}

export async function mint(u: Usda, recipient: string, quantity: string): Promise<void> {
  const { log } = await send(u, u.admin, { [Tags.Action]: Actions.Mint, [Tags.Recipient]: recipient, [Tags.Quantity]: quantity });
  expect(onlyTo(log, u.admin).tags[Tags.Action]).toBe(Actions.MintDone);
}

/** Balance as a wallet reads it (a dry-run): the Balance and Locked tags. */
export async function balance(u: Usda, account: string): Promise<{ balance: string; locked: string }> {
  const out = await u.network.query(newId(), u.pid, { [Tags.Action]: Actions.Balance, [Tags.Target]: account });
  expect(out).toHaveLength(1);
  expect(out[0].tags[Tags.Action]).toBe(Actions.Balance);
  expect(out[0].data).toBe(out[0].tags[Tags.Balance]);
  return { balance: out[0].tags[Tags.Balance], locked: out[0].tags[Tags.Locked] };
}

export async function totalSupply(u: Usda): Promise<string> {
  const out = await u.network.query(newId(), u.pid, { [Tags.Action]: Actions.TotalSupply });
  expect(out).toHaveLength(1);
  return out[0].data;
}

/** Sum of a balance map, exactly. */
export function sum(balances: Record<string, string>): string {
  return Object.values(balances)
    .reduce((a, b) => a + BigInt(b), 0n)
    .toString();
}
