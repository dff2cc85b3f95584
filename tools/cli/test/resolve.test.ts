/**
 * `tim3 resolve` and `tim3 unsettled` give only USDA's own verdict on the Lock Manager's Transfer (issue 24): the
 * commands on a client whose reads are set per test (the verdict read itself is tested over a devnet in libs/sdk).
 */
import { describe, expect, it } from "vitest";
import { ReleaseOutcomes, TransferKinds, TransferStates, type UnsettledTransfer } from "@tim3/protocol";
import { ClientErrorCodes, Tim3Error, type Tim3Client, type UsdaVerdictReading } from "@tim3/sdk";
import { resolve, unsettled, type Context } from "../src/commands";

const transfer: UnsettledTransfer = {
  operation: "op-1", kind: TransferKinds.Release, holder: "h".repeat(43), quantity: "50", reference: "op-1/r-1", status: TransferStates.Disputed,
  reason: "Transfer-Error", attempts: 1, at: 1,
};

function context(reading: UsdaVerdictReading) {
  const sent: string[] = [];
  const logs: string[] = [];
  const client = {
    unsettledTransfers: async () => [transfer],
    usdaVerdict: async () => reading,
    resolveRelease: async (operation: string, outcome: string) => {
      sent.push(`${operation} ${outcome}`);
      return { reply: { tags: {} } };
    },
  } as unknown as Tim3Client;
  const ctx: Context = { client, json: false, out: { log: (l) => logs.push(l), progress: (l) => logs.push(l) } };
  return { ctx, sent, logs };
}

const pending: UsdaVerdictReading = { verdict: "pending", reason: "USDA has not computed the Lock Manager's transfer yet" };

describe("tim3 resolve gives USDA's verdict only", () => {
  it("refuses any verdict while USDA has not computed the Transfer, and one that contradicts its result; nothing is sent", async () => {
    for (const [reading, outcome] of [[pending, "failed"], [pending, "paid"], [{ verdict: ReleaseOutcomes.Paid, slot: 7 }, "failed"]] as const) {
      const { ctx, sent } = context(reading);
      const e = await resolve(ctx, "op-1", outcome).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(Tim3Error);
      expect((e as Tim3Error).code).toBe(ClientErrorCodes.VerdictRefused);
      expect(sent).toEqual([]);
    }
  });

  it("sends the verdict USDA's result gives, and a contradicting one only with --force", async () => {
    const agreed = context({ verdict: ReleaseOutcomes.Failed, slot: 9 });
    await resolve(agreed.ctx, "op-1", "failed");
    expect(agreed.sent).toEqual(["op-1 failed"]);
    const forced = context(pending);
    await resolve(forced.ctx, "op-1", "failed", true);
    expect(forced.sent).toEqual(["op-1 failed"]);
    expect(forced.logs.join("\n")).toMatch(/--force: USDA has not computed/);
  });

  it("unsettled shows USDA's verdict on each transfer and the one command to give, or to wait", async () => {
    const waiting = context(pending);
    await unsettled(waiting.ctx);
    expect(waiting.logs.join("\n")).toMatch(/USDA: USDA has not computed the Lock Manager's transfer yet: wait/);
    expect(waiting.logs.join("\n")).not.toMatch(/tim3 resolve/);
    const paid = context({ verdict: ReleaseOutcomes.Paid, slot: 7 });
    await unsettled(paid.ctx);
    expect(paid.logs.join("\n")).toMatch(/USDA: paid .*slot 7.*: tim3 resolve op-1 paid/);
  });
});
