/**
 * Attack on the admin's tools: `tim3 resolve` read USDA's verdict only for a transfer the Lock Manager lists in
 * `unsettled-transfers`, and sent any verdict unchecked for one it does not list. That list is bounded (the newest
 * 50 it finds), and anyone can fill it: USDA sent to the Lock Manager without X-Action = Mint is sent straight back,
 * each return awaiting USDA's answer in the same list (tests/flows/test/unsettled-overflow.test.ts). A redeem shown
 * disputed by the Coordinator (`tim3 operations`) while an attacker's raced Transfer-Error disputed it and the Lock
 * Manager's real Transfer is still on its way, pushed out of the list: `tim3 resolve <key> failed` minted the TIM3 back,
 * and the Transfer then paid the USDA as well.
 */
import { describe, expect, it } from "vitest";
import { ClientErrorCodes, Tim3Error, type Tim3Client } from "@tim3/sdk";
import { resolve, type Context } from "../src/commands";

function context() {
  const sent: string[] = [];
  const logs: string[] = [];
  const client = {
    // The Lock Manager's bounded list, filled by others: the disputed release is not in it.
    unsettledTransfers: async () => [],
    usdaVerdict: async () => ({ verdict: "pending", reason: "USDA has not computed the Lock Manager's transfer yet" }),
    resolveRelease: async (operation: string, outcome: string) => {
      sent.push(`${operation} ${outcome}`);
      return { reply: { tags: {} } };
    },
  } as unknown as Tim3Client;
  const ctx: Context = { client, json: false, out: { log: (l) => logs.push(l), progress: (l) => logs.push(l) } };
  return { ctx, sent, logs };
}

describe("tim3 resolve on a transfer the Lock Manager does not list", () => {
  it("sends no verdict it cannot check against USDA's result (only with --force)", async () => {
    for (const outcome of ["failed", "paid"]) {
      const { ctx, sent } = context();
      const e = await resolve(ctx, "op-1", outcome).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(Tim3Error);
      expect((e as Tim3Error).code).toBe(ClientErrorCodes.VerdictRefused);
      expect(sent).toEqual([]);
    }
    const forced = context();
    await resolve(forced.ctx, "op-1", "failed", true);
    expect(forced.sent).toEqual(["op-1 failed"]);
    expect(forced.logs.join("\n")).toMatch(/--force: .*not among the Lock Manager's unsettled transfers/);
  });
});
