/**
 * Liveness under any report order (issue 24): a mint's and a redeem's reports reach the State Manager from three
 * reporters with no order between them. Whatever the order (every one of them, exhaustively, then with random
 * quantities and re-deliveries through fast-check), once every report has arrived the circuit is open with health 100
 * when the books agree, and Mint is tripped on "backing" when they really do not.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Actions, PeerTags, Tags } from "@tim3/protocol";
import { dispatch, type Message } from "@tim3/process-kit";
import { judgeEveryMessage, stateManagerHandlers } from "../src/handlers";
import { computeReserves } from "../src/reserves/health";
import { newStateManagerState, type StateManagerState } from "../src/state";

const T0 = 1_800_000_000_000;
const [TM, LM, CO] = ["T".repeat(43), "L".repeat(43), "C".repeat(43)];

interface Report {
  from: string;
  tags: Record<string, string>;
}

const supply = (q: bigint, seq: number): Report => ({ from: TM, tags: { [Tags.Action]: Actions.ReportSupply, [Tags.Supply]: q.toString(), [Tags.Sequence]: String(seq) } });
const collateral = (q: bigint, seq: number): Report => ({ from: LM, tags: { [Tags.Action]: Actions.ReportCollateral, [Tags.Collateral]: q.toString(), [Tags.Sequence]: String(seq) } });
const operations = (mint: bigint, redeem: bigint, seq: number, since: number): Report => ({
  from: CO,
  tags: {
    [Tags.Action]: Actions.ReportOperations,
    [Tags.MintInFlight]: mint.toString(),
    [Tags.RedeemInFlight]: redeem.toString(),
    [Tags.PendingCount]: mint + redeem > 0n ? "1" : "0",
    [Tags.OldestPendingAt]: mint + redeem > 0n ? String(since) : "0",
    [Tags.Sequence]: String(seq),
  },
});

/**
 * What each reporter says during a mint of `minted` then a redeem of `redeemed` on top of `base` (in each reporter's
 * own order; the network may deliver them in any). `shortBy` USDA goes missing from the Lock Manager's ledger at the
 * redeem (a real break that lasts): its last collateral report is that much short.
 */
function flowReports(base: bigint, minted: bigint, redeemed: bigint, shortBy = 0n): Report[] {
  return [
    operations(minted, 0n, 2, T0),
    collateral(base + minted, 2),
    supply(base + minted, 2),
    operations(0n, 0n, 3, 0),
    operations(0n, redeemed, 4, T0 + 10),
    supply(base + minted - redeemed, 3),
    collateral(base + minted - redeemed - shortBy, 3),
    operations(0n, 0n, 5, 0),
  ];
}

let ids = 0;

/** A State Manager whose books agree at `base` (every reporter has reported once). */
function settledAt(base: bigint): StateManagerState {
  ids = 0;
  const s = newStateManagerState("A".repeat(43), "1", "h");
  s.core.peers[PeerTags.TokenManager] = TM;
  s.core.peers[PeerTags.LockManager] = LM;
  s.core.peers[PeerTags.Coordinator] = CO;
  deliver(s, [supply(base, 1), collateral(base, 1), operations(0n, 0n, 1, 0)]);
  return s;
}

function deliver(s: StateManagerState, reports: Report[]): void {
  for (const r of reports) {
    const msg: Message = { id: `m${++ids}`.padEnd(43, "x"), from: r.from, owner: r.from, timestamp: T0 + ids, data: "", tags: r.tags };
    const ctx = { self: "S".repeat(43), now: msg.timestamp };
    judgeEveryMessage(s, msg, ctx);
    dispatch(s, stateManagerHandlers, msg, ctx);
  }
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  const out: T[][] = [];
  items.forEach((item, i) => {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) out.push([item, ...rest]);
  });
  return out;
}

function expectOpen(s: StateManagerState): void {
  expect(s.breaker).toMatchObject({ mintPaused: false, redeemPaused: false, tripped: false, trip: "", remedy: "" });
  expect(computeReserves(s, T0 + ids + 1).health).toBe(100);
}

function expectTripped(s: StateManagerState, deficit: bigint): void {
  expect(s.breaker).toMatchObject({ mintPaused: true, redeemPaused: false, tripped: true, trip: "backing" });
  expect(computeReserves(s, T0 + ids + 1).deficit).toBe(deficit.toString());
}

describe("the breaker under every order of a mint's and a redeem's reports", () => {
  const agreeing = flowReports(1000n, 700n, 400n);
  const orders = permutations(agreeing.map((_, i) => i));

  it(`ends open with health 100 in all ${orders.length} orders when the books agree`, () => {
    for (const order of orders) {
      const s = settledAt(1000n);
      deliver(s, order.map((i) => agreeing[i]));
      expectOpen(s);
    }
  });

  it("ends tripped on backing in every order when the Lock Manager's books end short", () => {
    const short = flowReports(1000n, 700n, 400n, 1n);
    for (const order of orders) {
      const s = settledAt(1000n);
      deliver(s, order.map((i) => short[i]));
      expectTripped(s, 1n);
    }
  });

  it("holds for any quantities, re-delivered reports and an admin's Resume on the way (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 30n }),
        fc.integer({ min: 0, max: 100 }),
        fc.bigInt({ min: 0n, max: 5n }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 8, maxLength: 8 }),
        (base, minted, redeemPercent, missing, replays, adminResumes, order) => {
          const redeemed = (minted * BigInt(redeemPercent)) / 100n;
          // A ledger can be short by at most what it holds: no collateral report is negative (one would be refused as
          // malformed, and the books it leaves behind would agree).
          const held = base + minted - redeemed;
          const shortBy = missing > held ? held : missing;
          const reports = flowReports(base, minted, redeemed, shortBy);
          const s = settledAt(base);
          // Any order of the flow's reports, each possibly delivered again later (a new message: a new id).
          const stream = order.map((i) => reports[i]);
          for (const r of replays) stream.splice(r % (stream.length + 1), 0, reports[r % reports.length]);
          deliver(s, stream);
          if (adminResumes) {
            const msg: Message = { id: `r${++ids}`.padEnd(43, "x"), from: "A".repeat(43), owner: "A".repeat(43), timestamp: T0 + ids, data: "", tags: { [Tags.Action]: Actions.Resume, [Tags.Scope]: "Mint" } };
            dispatch(s, stateManagerHandlers, msg, { self: "S".repeat(43), now: msg.timestamp });
          }
          if (shortBy === 0n) expectOpen(s);
          else expectTripped(s, shortBy);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a redeem started over a real shortfall does not lift its trip (in-flight redeems only excuse a new deficit)", () => {
    const s = settledAt(1000n);
    deliver(s, [supply(1005n, 2)]);
    expectTripped(s, 5n);
    deliver(s, [operations(0n, 500n, 2, T0 + 100)]);
    expectTripped(s, 5n);
    // Its burn arrives, then its release: the 5 are still missing.
    deliver(s, [supply(505n, 3), collateral(500n, 2), operations(0n, 0n, 3, 0)]);
    expectTripped(s, 5n);
    // Covered: Mint opens by itself, with no Resume.
    deliver(s, [collateral(505n, 3)]);
    expectOpen(s);
  });
});
