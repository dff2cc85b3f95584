/**
 * The verdict read against a node's answers in HyperBEAM's formats (a fake StateFetch serving `~scheduler@1.0`'s aos-2
 * schedule, `slot/current` and `compute/results=`): what it decides and what it costs, without a devnet.
 */
import { describe, expect, it } from "vitest";
import { Actions, ReleaseOutcomes, Tags } from "@tim3/protocol";
import { createUsdaVerdictReader, type StateFetch } from "../src/index";

const id = (c: string) => c.repeat(43);
const USDA = id("U");
const LM = id("L");
const NODE = id("N");
const REF = "op-1/release-1";

interface Msg {
  owner: string;
  tags: Record<string, string>;
  /** Undefined: not computed (the node answers 504). */
  outbox?: Record<string, string>[];
}

/** USDA's slots: 0 its spawn, then `msgs`, slot n stamped at 1000 * n. */
function fakeNode(msgs: Msg[]) {
  const slots: Msg[] = [{ owner: id("W"), tags: { Type: "Process", Authority: NODE }, outbox: [] }, ...msgs];
  const urls: string[] = [];
  const reply = (status: number, body: unknown) => ({ status, ok: status === 200, text: async () => (typeof body === "string" ? body : JSON.stringify(body)) });
  const fetch: StateFetch = async (url) => {
    urls.push(url);
    const u = new URL(url);
    if (u.pathname === `/${USDA}/slot/current`) return reply(200, String(slots.length - 1));
    const result = new RegExp(`^/${USDA}~process@1.0/compute/results=(\\d+)$`).exec(u.pathname);
    if (result) {
      const out = slots[Number(result[1])]?.outbox;
      return out === undefined ? reply(504, "not computed") : reply(200, { raw: { Messages: out.map((t) => ({ Target: "x", Tags: Object.entries(t).map(([name, value]) => ({ name, value })) })) } });
    }
    if (u.pathname === "/~scheduler@1.0/schedule" && u.searchParams.get("target") === USDA && u.searchParams.get("accept") === "application/aos-2") {
      const from = Number(u.searchParams.get("from"));
      const to = Math.min(Number(u.searchParams.get("to")), from + 1000);
      const edges = [];
      for (let slot = from; slot <= to && slot < slots.length; slot++) {
        const m = slots[slot];
        const tags = Object.entries(m.tags).map(([name, value]) => ({ name, value }));
        edges.push({
          cursor: slot,
          node: {
            message: { Id: slot === 0 ? USDA : id("m"), Owner: m.owner, From: m.tags["From-Process"] ?? m.owner, Tags: tags },
            assignment: { Owner: NODE, Tags: [{ name: "Slot", value: String(slot) }, { name: "Timestamp", value: String(slot * 1000) }] },
          },
        });
      }
      return reply(200, { page_info: { has_next_page: false }, edges });
    }
    return reply(404, "no route");
  };
  return { fetch, urls };
}

const transfer = (owner: string, outbox?: Record<string, string>[]): Msg => ({
  owner, tags: { [Tags.Action]: Actions.Transfer, [Tags.XReference]: REF, "From-Process": LM }, outbox,
});
const junk = (n: number): Msg[] => Array.from({ length: n }, () => ({ owner: id("j"), tags: { [Tags.Action]: "Balance" }, outbox: [] }));
const reader = (node: ReturnType<typeof fakeNode>, maxSlots?: number) =>
  createUsdaVerdictReader({ nodeUrl: "http://node", usda: USDA, lockManager: LM, fetch: node.fetch, maxSlots });

describe("USDA's verdict read from its schedule", () => {
  it("is failed when USDA computed the Lock Manager's Transfer without a Debit-Notice, paid with one", async () => {
    const failed = fakeNode([...junk(3), transfer(NODE, [{ [Tags.Action]: Actions.TransferError, [Tags.XReference]: REF }])]);
    expect(await reader(failed).read({ reference: REF, at: 0 })).toEqual({ verdict: ReleaseOutcomes.Failed, slot: 4 });
    const paid = fakeNode([transfer(NODE, [{ [Tags.Action]: Actions.DebitNotice }, { [Tags.Action]: Actions.CreditNotice }])]);
    const r = reader(paid);
    expect(await r.read({ reference: REF, at: 0 })).toEqual({ verdict: ReleaseOutcomes.Paid, slot: 1 });
    // A computed result is final: read again (a console refreshing), it costs no GET.
    const gets = paid.urls.length;
    expect(await r.read({ reference: REF, at: 0 })).toEqual({ verdict: ReleaseOutcomes.Paid, slot: 1 });
    expect(paid.urls.length).toBe(gets);
  });

  it("is pending while the Lock Manager's Transfer is assigned but not computed, or only a stranger's look-alike is", async () => {
    expect((await reader(fakeNode([transfer(NODE)])).read({ reference: REF, at: 0 })).verdict).toBe("pending");
    // A wallet's own From-Process tag: aos drops it (not relayed by an authority), so it says nothing.
    const forged = fakeNode([transfer(id("A"), [])]);
    expect(await reader(forged).read({ reference: REF, at: 0 })).toMatchObject({ verdict: "pending", reason: expect.stringMatching(/not on USDA's schedule/) });
  });

  it("starts at the slot the transfer was sent (a binary search over assignment timestamps) and scans a bounded range", async () => {
    const node = fakeNode([...junk(4000), transfer(NODE, [{ [Tags.Action]: Actions.DebitNotice }])]);
    // Sent at slot 3990's time, less the clock skew allowance (10 min = 600 slots here).
    expect(await reader(node).read({ reference: REF, at: 3990 * 1000 })).toEqual({ verdict: ReleaseOutcomes.Paid, slot: 4001 });
    const pages = node.urls.filter((u) => u.includes("/schedule?") && !/from=(\d+)&to=\1&/.test(u));
    expect(pages).toHaveLength(1);
    // Sent long before, past the bound: pending, never failed.
    expect(await reader(node, 2000).read({ reference: REF, at: 0 })).toMatchObject({ verdict: "pending", reason: expect.stringMatching(/within 2000 slots/) });
  });
});
