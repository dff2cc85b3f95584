/**
 * `tim3 owed` and `tim3 claim`: what the TIM3 processes keep for the wallet past their return limit (libs/protocol
 * returns.ts), and getting it back, on a client that answers as the SDK does (the SDK's own test reads and claims
 * against a node: libs/sdk/test/owed-returns.test.ts).
 */
import { describe, expect, it } from "vitest";
import { ErrorCodes } from "@tim3/protocol";
import { Tim3Error, type OwedReturns, type Tim3Client } from "@tim3/sdk";
import { claim, owed, type Context } from "../src/commands";

const id = (c: string) => c.repeat(43);
const processes = { usda: id("U"), tokenManager: id("T"), lockManager: id("L"), coordinator: id("C"), stateManager: id("S") };
const none = (): OwedReturns[] => (["lockManager", "tokenManager", "coordinator", "stateManager"] as const).map((role) => ({ role, process: processes[role], owed: [] }));

function context(owing: OwedReturns[], claimAnswers: Record<string, () => { paid: { token: string; quantity: string }[] }> = {}) {
  const claims: string[] = [];
  const logs: string[] = [];
  const client = {
    processes,
    owedReturns: async () => owing,
    // Denomination 6 for both tokens: "1500000" is 1.5.
    fromUnits: async (_t: string, q: string) => String(Number(q) / 1e6),
    claimReturns: async (process: string) => {
      claims.push(process);
      const answer = claimAnswers[process];
      if (answer === undefined) throw new Tim3Error("Nothing is owed here", { code: ErrorCodes.NothingOwed, action: "Claim-Returns", process });
      return { messageId: "m-" + process.charAt(0), slot: "1", reply: undefined, result: {}, ...answer() };
    },
  } as unknown as Tim3Client;
  const ctx: Context = { client, json: false, out: { log: (l) => logs.push(l), progress: (l) => logs.push(l) } };
  return { ctx, claims, logs };
}

describe("tim3 owed", () => {
  it("says nothing owed when no process keeps anything", async () => {
    const { ctx, logs } = context(none());
    await owed(ctx);
    expect(logs).toEqual(["nothing owed"]);
  });

  it("lists each process that keeps something, in USDA and TIM3", async () => {
    const owing = none();
    owing[1].owed = [{ token: processes.usda, quantity: "1500000" }];
    owing[2].owed = [{ token: processes.usda, quantity: "2000000" }, { token: processes.tokenManager, quantity: "250000" }];
    const { ctx, logs } = context(owing);
    await owed(ctx);
    expect(logs).toEqual(["tokenManager 1.5 USDA", "coordinator  2 USDA · 0.25 TIM3", "tim3 claim: get it back"]);
  });
});

describe("tim3 claim", () => {
  it("claims from every process that keeps something, only those, and prints what each paid", async () => {
    const owing = none();
    owing[0].owed = [{ token: processes.usda, quantity: "1000000" }];
    owing[2].owed = [{ token: processes.tokenManager, quantity: "3000000" }];
    const { ctx, claims, logs } = context(owing, {
      [processes.lockManager]: () => ({ paid: [{ token: processes.usda, quantity: "1000000" }] }),
      [processes.coordinator]: () => ({ paid: [{ token: processes.tokenManager, quantity: "3000000" }] }),
    });
    await claim(ctx);
    expect(claims).toEqual([processes.lockManager, processes.coordinator]);
    expect(logs).toEqual(["lockManager: paid 1 USDA (m-L)", "coordinator: paid 3 TIM3 (m-C)"]);
  });

  it("sends no claim when nothing is owed; a process that owes nothing by the time it is asked is reported, not an error", async () => {
    const nothing = context(none());
    await claim(nothing.ctx);
    expect(nothing.claims).toEqual([]);
    expect(nothing.logs).toEqual(["nothing owed"]);
    const owing = none();
    owing[1].owed = [{ token: processes.usda, quantity: "1" }];
    const raced = context(owing);
    await claim(raced.ctx);
    expect(raced.claims).toEqual([processes.tokenManager]);
    expect(raced.logs).toEqual(["tokenManager: nothing owed any more"]);
  });
});
