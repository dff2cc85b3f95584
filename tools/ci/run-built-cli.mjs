// Runs a tool's bundle (dist/*.mjs, made by its Nx `build` with tools/ci/build-cli.mjs) in this very process: no
// second Node, no TypeScript compiled at start. Without the build it says how to make it and exits 1.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * @param {URL} bundle the built entry, e.g. new URL("../dist/tim3.mjs", import.meta.url)
 * @param {{ name: string, project: string }} tool the command's name and its Nx project
 */
export async function runBuiltCli(bundle, { name, project }) {
  if (!existsSync(fileURLToPath(bundle))) {
    console.error(`${name} is not built: run \`pnpm nx build ${project}\` (the repository's tests and \`pnpm start\` build it for you)`);
    process.exit(1);
  }
  await import(bundle.href);
}
