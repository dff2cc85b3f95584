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

/** `listed`: the Lock Manager's bounded unsettled list as the client reads it (default: the one disputed release). */
function context(reading: UsdaVerdictReading, listed: UnsettledTransfer[] = [transfer]) {
  const sent: string[] = [];
  const logs: string[] = [];
  const client = {
    unsettledTransfers: async () => listed,
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

/**
 * Attack on the admin's tools: `tim3 resolve` read USDA's verdict only for a transfer the Lock Manager lists in
 * `unsettled-transfers`, and sent any verdict unchecked for one it does not list. That list is bounded (the newest
 * 50 it finds), and anyone can fill it: USDA sent to the Lock Manager without X-Action = Mint is sent straight back,
 * each return awaiting USDA's answer in the same list (tests/flows/test/unsettled-overflow.test.ts). A redeem shown
 * disputed by the Coordinator while an attacker's raced Transfer-Error disputed it and the Lock Manager's real
 * Transfer is still on its way, pushed out of the list: `tim3 resolve <key> failed` minted the TIM3 back, and the
 * Transfer then paid the USDA as well.
 */
describe("tim3 resolve on a transfer the Lock Manager does not list", () => {
  it("sends no verdict it cannot check against USDA's result (only with --force)", async () => {
    for (const outcome of ["failed", "paid"]) {
      const { ctx, sent } = context(pending, []);
      const e = await resolve(ctx, "op-1", outcome).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(Tim3Error);
      expect((e as Tim3Error).code).toBe(ClientErrorCodes.VerdictRefused);
      expect(sent).toEqual([]);
    }
    const forced = context(pending, []);
    await resolve(forced.ctx, "op-1", "failed", true);
    expect(forced.sent).toEqual(["op-1 failed"]);
    expect(forced.logs.join("\n")).toMatch(/--force: .*not among the Lock Manager's unsettled transfers/);
  });
});
