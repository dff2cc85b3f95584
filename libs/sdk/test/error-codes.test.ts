/**
 * Callers branch on error codes, never on message text (eslint.config.mjs refuses comparing error text in the SDK, the
 * CLI, libs/web and the apps; tests/workspace/test/policy-lint.test.ts shows it): a process's Error-Code must reach the
 * caller as `Tim3Error.code`.
 */
import { describe, expect, it } from "vitest";
import { Actions, ErrorCodes, Tags, toBaseUnits } from "@tim3/protocol";
import { ClientErrorCodes, Tim3Error, errorFromReplies, requireQuantity, type Reply } from "../src/index";

describe("the code reaches the caller", () => {
  const reply = (tags: Record<string, string>): Reply => ({ action: tags[Tags.Action], tags, data: "", json: undefined } as unknown as Reply);

  it("a process's Error-Code becomes Tim3Error.code; the text stays the message", () => {
    const e = errorFromReplies(Actions.Transfer, [reply({ [Tags.Action]: "Transfer-Error", [Tags.ErrorCode]: ErrorCodes.InsufficientBalance, [Tags.Error]: "Insufficient balance" })]);
    expect(e).toBeInstanceOf(Tim3Error);
    expect(e?.code).toBe(ErrorCodes.InsufficientBalance);
    expect(e?.message).toBe("Insufficient balance");
  });

  it("an error without a code from the table (a token that is not TIM3's) is Uncoded", () => {
    expect(errorFromReplies(Actions.Transfer, [reply({ [Tags.Action]: "Transfer-Error", [Tags.Error]: "x" })])?.code).toBe(ClientErrorCodes.Uncoded);
    expect(errorFromReplies(Actions.Transfer, [reply({ [Tags.Action]: "Transfer-Error", [Tags.ErrorCode]: "Made-Up", [Tags.Error]: "x" })])?.code).toBe(ClientErrorCodes.Uncoded);
  });

  it("local validation carries the protocol's code", () => {
    const tooPrecise = toBaseUnits("1.0000001", 6);
    expect(tooPrecise.ok === false && tooPrecise.code).toBe(ErrorCodes.TooPrecise);
    const tooLarge = toBaseUnits((2n ** 256n).toString(), 0);
    expect(tooLarge.ok === false && tooLarge.code).toBe(ErrorCodes.TooLarge);
    try {
      requireQuantity("007", Tags.Quantity, true);
      expect.unreachable();
    } catch (e) {
      expect((e as Tim3Error).code).toBe(ErrorCodes.Malformed);
    }
  });
});
