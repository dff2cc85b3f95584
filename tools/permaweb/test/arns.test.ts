/** ArNS writes: the base name and an undername go to their own ANT actions, not the deprecated setRecord. */
import { describe, expect, it } from "vitest";
import { ANT } from "@ar.io/sdk";
import { planArnsRecord, writeArnsRecord, type AntRecordWriter } from "../src/arns";

function recordingAnt() {
  const calls: { method: string; params: unknown }[] = [];
  const ant: AntRecordWriter = {
    setBaseNameRecord: async (params) => (calls.push({ method: "setBaseNameRecord", params }), { id: "base-msg" }),
    setUndernameRecord: async (params) => (calls.push({ method: "setUndernameRecord", params }), { id: "under-msg" }),
  };
  return { ant, calls };
}

describe("ArNS record writes", () => {
  const antId = "A".repeat(43);
  const tx = "B".repeat(43);

  it("the name itself is setBaseNameRecord; an undername is setUndernameRecord", async () => {
    const base = recordingAnt();
    expect(await writeArnsRecord(base.ant, planArnsRecord("tim3", antId, tx))).toBe("base-msg");
    expect(base.calls).toEqual([{ method: "setBaseNameRecord", params: { transactionId: tx, ttlSeconds: 3600 } }]);
    const under = recordingAnt();
    expect(await writeArnsRecord(under.ant, planArnsRecord("tim3", antId, tx, "admin", 60))).toBe("under-msg");
    expect(under.calls).toEqual([{ method: "setUndernameRecord", params: { undername: "admin", transactionId: tx, ttlSeconds: 60 } }]);
  });

  it("the pinned @ar.io/sdk's ANT client has both writes", () => {
    const ant = ANT.init({ processId: antId, signer: { signer: undefined } as never }) as unknown as Record<string, unknown>;
    expect(typeof ant.setBaseNameRecord).toBe("function");
    expect(typeof ant.setUndernameRecord).toBe("function");
  });
});
