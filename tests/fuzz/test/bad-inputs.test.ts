/**
 * The bad-input corpus: every validated tag of every handler of every process, replaced by malformed values
 * (missing, empty, wrong case where the aos module tells case apart, huge, unicode, signs, points, exponents, hex, 2^256 and beyond), sent by the sender
 * that is otherwise allowed (holder, admin, or the configured peer relayed by the authority). Each must get an
 * explicit error reply with an Error-Code from libs/protocol's table, and change nothing — except a quantity a genuine USDA notice says it moved: the Lock Manager
 * cannot keep funds it refuses, so it sends that quantity back as USDA wrote it, with a reason, and locks nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Actions, ErrorCodes, PeerTags, Scopes, Tags, errorActionFor } from "@tim3/protocol";
import { AOS_CASE_SENSITIVE_TAGS, AUTHORITY, deployTim3, fundUsda, mintTim3, newId, type AosProcess, type Tim3System } from "@tim3/testing";

const TWO_256 = (2n ** 256n).toString();
const BAD_QUANTITIES = ["", " ", "-1", "-0", "1.5", "1e3", "0x10", "+5", "007", " 5", "5 ", "٣", "５", "NaN", "null",
  "true", "9".repeat(5000), TWO_256, (2n ** 256n + 1n).toString(), (2n ** 300n).toString()];
const BAD_ADDRESSES = ["", "x", "not an address", "A".repeat(42), "A".repeat(44), "é".repeat(43), "0x" + "g".repeat(40), "a".repeat(5000)];
const BAD_COUNTS = ["", "-1", "1.5", "abc", "0x1", TWO_256];

type Sender = "holder" | "admin" | PeerRole;
type PeerRole = "usda" | "tokenManager" | "lockManager" | "coordinator" | "stateManager";

interface Case {
  process: PeerRole;
  global: string;
  action: string;
  sender: Sender;
  /** A message that would be valid, before one tag is broken. */
  base: (sys: Tim3System, holder: string) => Record<string, string>;
  /** Tag → malformed values to try (each also tried missing and with its name in the wrong case). */
  broken: Record<string, string[]>;
  /** Tags that may be left out (so missing, empty and wrong-case are valid for them). */
  optional?: string[];
  /** A tag whose malformed (non-empty) value is a transfer the token made: it goes back as written, with a reason. */
  returnedAsWritten?: string;
}

const q = (extra: Record<string, string> = {}) => () => ({ [Tags.Quantity]: "5", ...extra });
const CASES: Case[] = [
  { process: "usda", global: "MockUsda", action: Actions.Transfer, sender: "holder", base: (s) => ({ [Tags.Recipient]: s.admin, [Tags.Quantity]: "5" }), broken: { [Tags.Recipient]: BAD_ADDRESSES, [Tags.Quantity]: BAD_QUANTITIES } },
  { process: "usda", global: "MockUsda", action: Actions.Mint, sender: "admin", base: q(), broken: { [Tags.Quantity]: BAD_QUANTITIES, [Tags.Recipient]: BAD_ADDRESSES.slice(1) }, optional: [Tags.Recipient] },
  { process: "usda", global: "MockUsda", action: Actions.Burn, sender: "holder", base: q(), broken: { [Tags.Quantity]: BAD_QUANTITIES } },
  { process: "usda", global: "MockUsda", action: Actions.Lock, sender: "holder", base: (s) => ({ [Tags.Locker]: s.admin, [Tags.Quantity]: "5" }), broken: { [Tags.Locker]: BAD_ADDRESSES, [Tags.Quantity]: BAD_QUANTITIES } },
  { process: "usda", global: "MockUsda", action: Actions.SetFaucet, sender: "admin", base: () => ({ [Tags.Quantity]: "5", [Tags.Period]: "1000" }), broken: { [Tags.Quantity]: BAD_QUANTITIES.filter((v) => v !== "-0"), [Tags.Period]: BAD_COUNTS.slice(1) }, optional: [Tags.Period] },
  { process: "usda", global: "MockUsda", action: Actions.Configure, sender: "admin", base: (s) => ({ [PeerTags.Admin]: s.admin }), broken: { [PeerTags.Admin]: BAD_ADDRESSES.slice(1) } },
  { process: "tokenManager", global: "TokenManager", action: Actions.Transfer, sender: "holder", base: (s) => ({ [Tags.Recipient]: s.admin, [Tags.Quantity]: "5" }), broken: { [Tags.Recipient]: BAD_ADDRESSES, [Tags.Quantity]: BAD_QUANTITIES } },
  { process: "tokenManager", global: "TokenManager", action: Actions.MintTim3, sender: "coordinator", base: (_s, h) => ({ [Tags.Recipient]: h, [Tags.Quantity]: "5", [Tags.RequestId]: "bad-input" }), broken: { [Tags.Recipient]: BAD_ADDRESSES, [Tags.Quantity]: BAD_QUANTITIES, [Tags.RequestId]: [""] } },
  { process: "tokenManager", global: "TokenManager", action: Actions.BurnTim3, sender: "coordinator", base: () => ({ [Tags.Quantity]: "5", [Tags.RequestId]: "bad-input" }), broken: { [Tags.Quantity]: BAD_QUANTITIES, [Tags.RequestId]: [""] } },
  // "007" is left out: USDA reads it as 7, so it is a deposit (tests/flows blueprint-usda.test.ts mints it).
  { process: "lockManager", global: "LockManager", action: Actions.CreditNotice, sender: "usda", base: (_s, h) => ({ [Tags.Sender]: h, [Tags.Quantity]: "5", [Tags.XAction]: Actions.Mint }), broken: { [Tags.Sender]: BAD_ADDRESSES, [Tags.Quantity]: BAD_QUANTITIES.filter((v) => v !== "007") }, returnedAsWritten: Tags.Quantity },
  { process: "lockManager", global: "LockManager", action: Actions.Release, sender: "coordinator", base: (_s, h) => ({ [Tags.Recipient]: h, [Tags.Quantity]: "5", [Tags.RequestId]: "bad-input" }), broken: { [Tags.Recipient]: BAD_ADDRESSES, [Tags.Quantity]: BAD_QUANTITIES, [Tags.RequestId]: [""] } },
  { process: "lockManager", global: "LockManager", action: Actions.RefundDeposit, sender: "coordinator", base: () => ({ [Tags.DepositId]: "no-such-deposit" }), broken: { [Tags.DepositId]: ["", "x", "a".repeat(5000)] } },
  { process: "coordinator", global: "Coordinator", action: Actions.DepositReceived, sender: "lockManager", base: (_s, h) => ({ [Tags.DepositId]: "d", [Tags.RequestId]: "bad-input", [Tags.Holder]: h, [Tags.Quantity]: "5" }), broken: { [Tags.Holder]: BAD_ADDRESSES, [Tags.Quantity]: BAD_QUANTITIES, [Tags.DepositId]: [""], [Tags.RequestId]: [""] } },
  { process: "coordinator", global: "Coordinator", action: Actions.CreditNotice, sender: "tokenManager", base: (_s, h) => ({ [Tags.Sender]: h, [Tags.Quantity]: "5", [Tags.XAction]: Actions.Redeem }), broken: { [Tags.Sender]: BAD_ADDRESSES, [Tags.Quantity]: BAD_QUANTITIES } },
  { process: "coordinator", global: "Coordinator", action: Actions.SetLimits, sender: "admin", base: () => ({ [Tags.Scope]: Scopes.Mint, [Tags.Max]: "100" }), broken: { [Tags.Scope]: ["", "mint", "MINT", "Everything", "Mint ", "٣"], [Tags.Max]: BAD_QUANTITIES.filter((v) => v !== "-0") } },
  { process: "coordinator", global: "Coordinator", action: Actions.CircuitUpdate, sender: "stateManager", base: () => ({ [Tags.MintPaused]: "true", [Tags.Sequence]: "99" }), broken: { [Tags.Sequence]: BAD_COUNTS.concat(["0"]) } },
  { process: "coordinator", global: "Coordinator", action: Actions.GetOperation, sender: "holder", base: () => ({ [Tags.RequestId]: "no-such-request" }), broken: { [Tags.RequestId]: ["", "a".repeat(5000)] } },
  { process: "stateManager", global: "StateManager", action: Actions.ReportSupply, sender: "tokenManager", base: () => ({ [Tags.Supply]: "5", [Tags.Sequence]: "99" }), broken: { [Tags.Supply]: BAD_QUANTITIES.filter((v) => v !== "-0"), [Tags.Sequence]: BAD_COUNTS } },
  { process: "stateManager", global: "StateManager", action: Actions.ReportCollateral, sender: "lockManager", base: () => ({ [Tags.Collateral]: "5", [Tags.Sequence]: "99" }), broken: { [Tags.Collateral]: BAD_QUANTITIES.filter((v) => v !== "-0"), [Tags.Sequence]: BAD_COUNTS } },
  { process: "stateManager", global: "StateManager", action: Actions.ReportOperations, sender: "coordinator", base: () => ({ [Tags.MintInFlight]: "0", [Tags.RedeemInFlight]: "0", [Tags.PendingCount]: "0", [Tags.OldestPendingAt]: "0", [Tags.Sequence]: "99" }), broken: { [Tags.MintInFlight]: BAD_QUANTITIES.filter((v) => v !== "-0"), [Tags.PendingCount]: BAD_COUNTS, [Tags.Sequence]: BAD_COUNTS } },
  { process: "stateManager", global: "StateManager", action: Actions.Pause, sender: "admin", base: () => ({ [Tags.Scope]: Scopes.All }), broken: { [Tags.Scope]: ["", "all", "ALL", "Both", "٣", "a".repeat(5000)] } },
  { process: "stateManager", global: "StateManager", action: Actions.GetHistory, sender: "holder", base: () => ({ [Tags.Limit]: "5" }), broken: { [Tags.Limit]: BAD_COUNTS.slice(1).concat(["0"]) }, optional: [Tags.Limit] },
];

const PROCESS_OF: Record<PeerRole, keyof Tim3System> = {
  usda: "usda", tokenManager: "tokenManager", lockManager: "lockManager", coordinator: "coordinator", stateManager: "stateManager",
};

let sys: Tim3System;
let holder: string;
let tried = 0;

/** The state a message could change: everything but the record of message ids already seen. */
async function stateOf(process: AosProcess, global: string): Promise<string> {
  return JSON.stringify(await process.read(`(function() local s = {} for k, v in pairs(${global}) do s[k] = v end
    s.core = { admin = ${global}.core.admin, peers = ${global}.core.peers, audit = ${global}.core.audit, sequence = ${global}.core.sequence }
    return s end)()`));
}

function variants(name: string, values: string[], optional: boolean): { label: string; mutate: (t: Record<string, string>) => void }[] {
  const out = values.map((v) => ({ label: `${name}=${JSON.stringify(v.length > 12 ? v.slice(0, 12) + "…" : v)}`, mutate: (t: Record<string, string>) => { t[name] = v; } }));
  if (optional) return out;
  out.push({ label: `${name} missing`, mutate: (t) => { delete t[name]; } });
  // Only where tag names are case-sensitive (aos 2.0.4): mainnet's aos 2.0.6 reads `recipient` as `Recipient`.
  if (AOS_CASE_SENSITIVE_TAGS) out.push({ label: `${name} in lower case`, mutate: (t) => { t[name.toLowerCase()] = t[name]; delete t[name]; } });
  return out;
}

beforeAll(async () => {
  sys = await deployTim3();
  holder = newId();
  await fundUsda(sys, holder, "1000");
  await mintTim3(sys, holder, "100", "seed");
});

describe("bad-input corpus: explicit error, no state change", () => {
  for (const c of CASES) {
    it(`${c.process} ${c.action} from ${c.sender}`, async () => {
      const target = sys[PROCESS_OF[c.process]] as AosProcess;
      for (const [tag, values] of Object.entries(c.broken)) {
        for (const v of variants(tag, values, c.optional?.includes(tag) ?? false)) {
          const tags: Record<string, string> = { [Tags.Action]: c.action, ...c.base(sys, holder) };
          v.mutate(tags);
          const before = await stateOf(target, c.global);
          let from: string;
          let env;
          if (c.sender === "holder" || c.sender === "admin") {
            from = c.sender === "holder" ? holder : sys.admin;
            env = sys.network.envelope(from, target.pid, tags);
          } else {
            from = (sys[PROCESS_OF[c.sender]] as AosProcess).pid;
            env = sys.network.envelope(from, target.pid, { ...tags, "From-Process": from }, "", AUTHORITY);
          }
          const log = await sys.network.sendEnvelope(env);
          tried++;
          const replies = log[0].outbox.filter((o) => o.target === from);
          const written = tags[tag];
          if (c.returnedAsWritten === tag && written !== undefined && written !== "") {
            expect(replies.map((r) => r.tags[Tags.Action]), `${c.action} ${v.label}: sent back`).toEqual([Actions.Transfer]);
            expect(replies[0].tags[Tags.Quantity], `${c.action} ${v.label}: as written`).toBe(written);
            expect(replies[0].tags[Tags.Recipient]).toBe(holder);
            expect(replies[0].tags[Tags.XReason], `${c.action} ${v.label}: reason`).toMatch(/\S/);
            expect(log[0].outbox.filter((o) => o.target !== from), `${c.action} ${v.label}: nothing else sent`).toEqual([]);
            expect(JSON.parse(await stateOf(target, c.global)).locked, `${c.action} ${v.label}: locked`).toBe(JSON.parse(before).locked);
            continue;
          }
          expect(replies.map((r) => r.tags[Tags.Action]), `${c.action} ${v.label}: reply`).toEqual([errorActionFor(c.action)]);
          expect(replies[0].tags[Tags.Error], `${c.action} ${v.label}: reason`).toMatch(/\S/);
          expect(Object.values(ErrorCodes), `${c.action} ${v.label}: Error-Code`).toContain(replies[0].tags[Tags.ErrorCode]);
          expect(replies[0].tags[Tags.MessageId]).toBe(env.id);
          expect(log[0].outbox.filter((o) => o.target !== from), `${c.action} ${v.label}: nothing else sent`).toEqual([]);
          expect(await stateOf(target, c.global), `${c.action} ${v.label}: state`).toBe(before);
        }
      }
    });
  }

  it("tried the whole corpus", () => {
    console.log(`bad-input corpus: ${tried} malformed messages, each rejected with an explicit error and no state change`);
    expect(tried).toBeGreaterThan(400);
  });
});
