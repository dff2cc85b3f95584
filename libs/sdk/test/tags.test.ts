import { describe, expect, it } from "vitest";
import { Actions, Tags } from "@tim3/protocol";
import {
  Tim3Error, errorFromReplies, errorFromResult, mintTags, newRequestId, pauseTags, redeemTags, requireQuantity, setLimitsTags, settleTags,
  tagRecord, toReply, toTags, transferTags, jwkAddress, resolveReleaseTags,
} from "../src/index";

const LM = "L".repeat(43);
const CO = "C".repeat(43);

describe("tag building", () => {
  it("drops undefined values and keeps order", () => {
    expect(toTags({ A: "1", B: undefined, C: "3" })).toEqual([
      { name: "A", value: "1" },
      { name: "C", value: "3" },
    ]);
  });

  it("mint is a USDA Transfer to the Lock Manager with X-Action=Mint and the request id", () => {
    const t = tagRecord(mintTags(LM, "1500000000000", "req-1"));
    expect(t).toEqual({
      [Tags.Action]: Actions.Transfer,
      [Tags.Recipient]: LM,
      [Tags.Quantity]: "1500000000000",
      [Tags.XAction]: Actions.Mint,
      [Tags.XRequestId]: "req-1",
    });
  });

  it("redeem is a TIM3 Transfer to the Coordinator with X-Action=Redeem", () => {
    const t = tagRecord(redeemTags(CO, "5", "r"));
    expect(t[Tags.Recipient]).toBe(CO);
    expect(t[Tags.XAction]).toBe(Actions.Redeem);
  });

  it("refuses quantities that are not decimal digit strings", () => {
    for (const bad of ["1.5", "-1", "1e3", "01", "", " 1", "0"]) {
      expect(() => transferTags(LM, bad)).toThrow(Tim3Error);
    }
    expect(requireQuantity("0", Tags.Quantity, false)).toBe("0");
  });

  it("only X- tags may be added to a transfer", () => {
    expect(() => transferTags(LM, "1", { [Tags.Action]: Actions.Burn })).toThrow(/must start with X-/);
    expect(tagRecord(transferTags(LM, "1", { "X-Memo": "hi" }))["X-Memo"]).toBe("hi");
  });

  it("builds admin tags", () => {
    expect(tagRecord(pauseTags("Mint", "maintenance"))).toEqual({ [Tags.Action]: Actions.Pause, [Tags.Scope]: "Mint", [Tags.Reason]: "maintenance" });
    expect(tagRecord(setLimitsTags("Redeem", { max: "100", windowMs: 60000 }))).toEqual({
      [Tags.Action]: Actions.SetLimits,
      [Tags.Scope]: "Redeem",
      [Tags.Max]: "100",
      [Tags.WindowMs]: "60000",
    });
    expect(() => setLimitsTags("Mint", { min: "0" })).toThrow(/greater than 0/);
    expect(tagRecord(settleTags("req-1"))).toEqual({ [Tags.Action]: Actions.SettleOperation, [Tags.RequestId]: "req-1" });
    expect(() => settleTags("has space")).toThrow(/Request-Id/);
  });

  it("a verdict names the Transfer it judges when given its X-Reference", () => {
    expect(tagRecord(resolveReleaseTags("dep", "failed", "dep/msg"))).toMatchObject({
      [Tags.Action]: Actions.ResolveRelease, [Tags.Operation]: "dep", [Tags.Outcome]: "failed", [Tags.TransferReference]: "dep/msg",
    });
    expect(tagRecord(resolveReleaseTags("op", "paid"))[Tags.TransferReference]).toBeUndefined();
  });

  it("makes distinct 32-hex request ids", () => {
    const a = newRequestId();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newRequestId()).not.toBe(a);
  });

  it("derives an Arweave address from a JWK modulus", async () => {
    // sha256 of the single byte 0x00, base64url
    expect(await jwkAddress({ n: "AA" })).toBe("bjQLnP-zepicpUTmu3gKLHiQHT-zNzh2hRGjBhevoB0");
  });
});

describe("error mapping", () => {
  const errorReply = toReply({
    Target: "me",
    Tags: [
      { name: Tags.Action, value: Actions.TransferError },
      { name: Tags.MessageId, value: "mid" },
      { name: Tags.Error, value: "Insufficient balance" },
      { name: Tags.XRequestId, value: "req" },
    ],
  });

  it("turns <Action>-Error into a Tim3Error with the process's text", () => {
    const e = errorFromReplies(Actions.Transfer, [errorReply], "pid");
    expect(e).toBeInstanceOf(Tim3Error);
    expect(e?.message).toBe("Insufficient balance");
    expect(e?.action).toBe(Actions.Transfer);
    expect(e?.messageId).toBe("mid");
    expect(e?.requestId).toBe("req");
    expect(e?.process).toBe("pid");
  });

  it("ignores replies that are not errors", () => {
    const ok = toReply({ Tags: [{ name: Tags.Action, value: Actions.DebitNotice }], Data: "{\"a\":1}" });
    expect(ok.json).toEqual({ a: 1 });
    expect(errorFromReplies(Actions.Transfer, [ok])).toBeUndefined();
  });

  it("maps a CU Error field", () => {
    expect(errorFromResult(Actions.Pause, { Error: "boom" })?.message).toBe("boom");
    expect(errorFromResult(Actions.Pause, {})).toBeUndefined();
  });
});
