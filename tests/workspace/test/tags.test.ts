/**
 * The module boundaries (eslint.config.mjs) hold only for tagged projects: whatever a project imports must carry a
 * `type:` and a `scope:` tag (the `*` rules), and this catches the project nothing imports yet (a new test project,
 * say) before it is left out of every rule.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const root = new URL("../../..", import.meta.url).pathname;
const types = ["type:lib", "type:process", "type:app", "type:tool", "type:test", "type:bench"];
const scopes = ["scope:chain", "scope:client", "scope:dev"];

it("every project has one type tag and at least one scope tag, from the ones the boundaries know", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tim3-graph-"));
  try {
    await promisify(execFile)(join(root, "node_modules/.bin/nx"), ["graph", `--file=${join(dir, "graph.json")}`], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: "false", NX_TUI: "false", NX_NO_CLOUD: "true" },
    });
    const { graph } = JSON.parse(readFileSync(join(dir, "graph.json"), "utf8")) as { graph: { nodes: Record<string, { data: { tags?: string[] } }> } };
    const untagged = Object.entries(graph.nodes)
      .map(([name, node]) => {
        const tags = node.data.tags ?? [];
        const type = tags.filter((t) => t.startsWith("type:"));
        const scope = tags.filter((t) => t.startsWith("scope:"));
        const ok = type.length === 1 && types.includes(type[0]) && scope.length >= 1 && scope.every((s) => scopes.includes(s));
        return ok ? undefined : `${name}: ${tags.join(", ")}`;
      })
      .filter(Boolean);
    expect(untagged).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
