/**
 * The policies eslint.config.mjs enforces, shown refusing what they exist to refuse (a rule whose selector stopped
 * matching would pass every lint run in silence).
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = new URL("../../..", import.meta.url).pathname;
const eslint = new ESLint({ cwd: root });

const preamble = `declare const e: { message: string; code: string };
declare const reply: { tags: Record<string, string> };
declare const Tags: { Error: string; XReason: string };
declare function x(): void;
`;

async function refusals(line: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${preamble}export function f(): void {\n  ${line}\n}\n`, { filePath: `${root}${file}` });
  return result.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

describe("callers branch on error codes, never on message text", () => {
  const comparisons = [
    `if (e.message.startsWith("No operation")) x();`,
    `if (e.message?.includes("Insufficient")) x();`,
    `if (reply.tags[Tags.Error] === "Insufficient balance") x();`,
    `if ("late" !== reply.tags["X-Reason"]) x();`,
    `if (/2\\^256/.test(e.message)) x();`,
  ];
  for (const file of ["libs/sdk/src/probe.ts", "libs/web/src/probe.tsx", "tools/cli/src/probe.ts", "apps/site/src/probe.tsx", "apps/admin/src/probe.ts"]) {
    it(`${file}: comparing error text is refused, the code is fine`, async () => {
      for (const line of comparisons) expect(await refusals(line, file), line).toHaveLength(1);
      expect(await refusals(`if (e.code === "Not-Found") x(); else console.log(e.message);`, file)).toEqual([]);
    });
  }

  it("tests may assert the human text", async () => {
    expect(await refusals(`if (e.message.startsWith("No operation")) x();`, "libs/sdk/test/probe.test.ts")).toEqual([]);
  });
});
