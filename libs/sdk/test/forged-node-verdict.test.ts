/**
 * Attack on the admin's tools from the node they read: the verdict on a disputed release (libs/sdk/src/usda-schedule.ts)
 * rests on what one HyperBEAM node answers over HTTP, as unsigned JSON: USDA's schedule (aos-2 format: Owner, From,
 * Tags) and `compute/results=<slot>`. Nothing in either is checked against a signature or a second source, so a node
 * that lies (or a proxy between console and node) can serve the Lock Manager's paid Transfer with a result holding no
 * Debit-Notice: the console then offers "failed", the admin clicks it, and the redeemer gets the TIM3 back on top of
 * the USDA. The same holds for every state read (`/now/cache/...`: unsettled-transfers, operations, reserves).
 *
 * OPEN (not fixed here): a verdict that can pay twice should need more than one node's word, e.g. the same result read
 * from a second, independent node (HyperBEAM computes deterministically, so honest nodes agree), or a result signed by
 * the computing node and checked against a key the deployment trusts. Marked `it.fails`: with one node, a forged
 * result decides.
 */
import { expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import { createUsdaVerdictReader, type StateFetch } from "../src/index";

const id = (c: string) => c.repeat(43);
const USDA = id("U");
const LM = id("L");
const NODE = id("N");
const REF = "op-1/release-1";

/** A node whose schedule for USDA is true (spawn, then the Lock Manager's Transfer) and whose result for it is forged. */
function lyingNode(): StateFetch {
  const reply = (status: number, body: unknown) => ({ status, ok: status === 200, text: async () => (typeof body === "string" ? body : JSON.stringify(body)) });
  const tags = (t: Record<string, string>) => Object.entries(t).map(([name, value]) => ({ name, value }));
  const slots = [
    { Id: USDA, Owner: id("W"), From: id("W"), Tags: tags({ Type: "Process", Authority: NODE }) },
    { Id: id("m"), Owner: NODE, From: LM, Tags: tags({ [Tags.Action]: Actions.Transfer, [Tags.XReference]: REF, "From-Process": LM }) },
  ];
  return async (url) => {
    const u = new URL(url);
    if (u.pathname === `/${USDA}/slot/current`) return reply(200, "1");
    // USDA really answered with a Debit-Notice; the node serves a Transfer-Error instead.
    if (u.pathname === `/${USDA}~process@1.0/compute/results=1`) {
      return reply(200, { raw: { Messages: [{ Target: LM, Tags: tags({ [Tags.Action]: Actions.TransferError, [Tags.XReference]: REF }) }] } });
    }
    if (u.pathname === "/~scheduler@1.0/schedule") {
      const from = Number(u.searchParams.get("from"));
      const to = Number(u.searchParams.get("to"));
      const edges = slots.slice(from, to + 1).map((message, i) => ({
        cursor: from + i,
        node: { message, assignment: { Owner: NODE, Tags: tags({ Slot: String(from + i), Timestamp: String((from + i) * 1000) }) } },
      }));
      return reply(200, { page_info: { has_next_page: false }, edges });
    }
    return reply(404, "no route");
  };
}

it.fails("a verdict that pays twice when wrong does not rest on one node's unsigned answer", async () => {
  const reader = createUsdaVerdictReader({ nodeUrl: "http://node", usda: USDA, lockManager: LM, fetch: lyingNode() });
  expect((await reader.read({ reference: REF, at: 0 })).verdict).toBe("pending");
});
