/**
 * Callers branch on error codes, never on message text: rewording a process's or the protocol's message must not
 * change what the SDK, the CLI, the site or the console does. This scans their sources for comparisons on error text
 * (the Nx test target lists those folders as inputs, so a change there re-runs it), and checks that a process's
 * Error-Code reaches the caller as `Tim3Error.code`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { Actions, ErrorCodes, Tags, toBaseUnits } from "@tim3/protocol";
import { ClientErrorCodes, Tim3Error, errorFromReplies, requireQuantity, type Reply } from "../src/index";

const root = join(__dirname, "..", "..", "..");
/** Where code that reacts to errors lives (tests excluded: they may assert the human text). */
const SCANNED = ["libs/sdk/src", "libs/web/src", "tools/cli/src", "apps/site/src", "apps/admin/src"];

/** An error's text (`.message`, `.error`, the Error / X-Reason tags) compared, searched or matched. */
const TEXT = String.raw`(?:\.(?:message|error|reason)|\[Tags\.(?:Error|XReason)\]|\[["'](?:Error|X-Reason)["']\])`;
const FORBIDDEN: RegExp[] = [
  new RegExp(TEXT + String.raw`\s*\??\.\s*(?:startsWith|endsWith|includes|indexOf|match|matchAll|search|localeCompare)\s*\(`),
  new RegExp(TEXT + String.raw`\s*[!=]==?\s*["'\x60]`),
  new RegExp(String.raw`["'\x60]\s*[!=]==?\s*[\w.?]*` + TEXT + String.raw`\b`),
  new RegExp(String.raw`\.test\(\s*[\w.?]*` + TEXT + String.raw`\b`),
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|js|mjs)$/.test(name) && !/\.test\.|\.spec\./.test(name)) out.push(path);
  }
  return out;
}

/** Lines that compare error text, as "file:line: code". */
function textMatches(source: string, file: string): string[] {
  return source.split("\n").flatMap((line, i) => (FORBIDDEN.some((re) => re.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

describe("callers branch on error codes, never on message text", () => {
  it("the scan recognises the ways text gets matched", () => {
    const bad = [
      `if (e instanceof Tim3Error && e.message.startsWith("No operation")) return undefined;`,
      `const tooPrecise = converted.error.includes("decimal places");`,
      `if (reply.tags[Tags.Error] === "Insufficient balance") retry();`,
      `if (/2\\^256/.test(r.error)) tooLarge();`,
      `if (e.message?.includes("Insufficient")) x();`,
    ];
    for (const line of bad) expect(textMatches(line, "x"), line).toHaveLength(1);
    expect(textMatches(`if (e.code === ErrorCodes.NotFound) return undefined;`, "x")).toEqual([]);
    expect(textMatches(`setError(e.message);`, "x")).toEqual([]);
  });

  it("no source of the SDK, CLI, site, console or libs/web compares error text", () => {
    const found = SCANNED.flatMap((dir) => sourceFiles(join(root, dir)).flatMap((f) => textMatches(readFileSync(f, "utf8"), relative(root, f))));
    expect(found).toEqual([]);
  });
});

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
