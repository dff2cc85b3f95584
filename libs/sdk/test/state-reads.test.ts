/** The state reader's choice between TIM3's and the aos token blueprint's forms, against a scripted node (no devnet). */
import { describe, expect, it } from "vitest";
import { balanceKey } from "@tim3/protocol";
import { ClientErrorCodes, Tim3Error, createStateReader } from "../src/index";

const TOKEN = "T".repeat(43);
const HOLDER = "Ab" + "c".repeat(41);

/** A node answering `paths` (path after the host → JSON value); 404 for anything else. Records every GET. */
function node(paths: Record<string, unknown>) {
  const asked: string[] = [];
  const fetch = (async (url: string | URL) => {
    const path = new URL(String(url)).pathname;
    asked.push(path);
    return path in paths ? new Response(JSON.stringify(paths[path]), { status: 200 }) : new Response("not found", { status: 404 });
  }) as typeof globalThis.fetch;
  return { fetch, asked };
}

const trie = (account: string) => `/${TOKEN}~process@1.0/now/balances/${account}/serialize~json@1.0`;
const ours = (account: string) => `/${TOKEN}~process@1.0/now/cache/${balanceKey(account)}/serialize~json@1.0`;

describe("balance of an external token", () => {
  it("reads every token's balance in the blueprint's trie form, one GET each; a never-held balance (404) is 0", async () => {
    const n = node({ [trie(HOLDER)]: "750000000000" });
    const reader = createStateReader({ nodeUrl: "http://node", fetch: n.fetch });
    expect(await reader.balance(TOKEN, HOLDER)).toBe("750000000000");
    expect(n.asked).toEqual([trie(HOLDER)]);
    n.asked.length = 0;
    expect(await reader.balance(TOKEN, "Z" + HOLDER.slice(1))).toBe("0");
    expect(n.asked).toEqual([trie("Z" + HOLDER.slice(1))]);
  });

  it("reads the trie of a token known to publish TIM3's form as well (TIM3's tokens publish both), never its cache/ entry", async () => {
    const known = node({ [ours(HOLDER)]: { account: HOLDER, balance: "5" }, [trie(HOLDER)]: "5" });
    expect(await createStateReader({ nodeUrl: "http://node", fetch: known.fetch, forms: { [TOKEN]: "tim3" } }).balance(TOKEN, HOLDER)).toBe("5");
    expect(known.asked).toEqual([trie(HOLDER)]);
  });

  it("refuses a balance that is a JSON number or not a decimal string (no floats for amounts)", async () => {
    for (const bad of [750000000000, "7.5", "-1", { balance: "1" }]) {
      const n = node({ [trie(HOLDER)]: bad });
      const err = await createStateReader({ nodeUrl: "http://node", fetch: n.fetch }).balance(TOKEN, HOLDER).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Tim3Error);
      expect((err as Tim3Error).code).toBe(ClientErrorCodes.BadState);
    }
  });

  it("reads token-info at the top of a blueprint token's state", async () => {
    const info = { name: "USDA", ticker: "USDA", logo: "x", denomination: "12", supply: "100", "batch-transfer": true };
    const n = node({ [`/${TOKEN}~process@1.0/now/token-info/serialize~json@1.0`]: info });
    expect(await createStateReader({ nodeUrl: "http://node", fetch: n.fetch }).tokenInfo(TOKEN)).toEqual({ name: "USDA", ticker: "USDA", logo: "x", denomination: "12", supply: "100" });
  });
});
