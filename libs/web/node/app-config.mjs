/**
 * The apps' runtime config (/config.json) from a deploy state file, written once for the site, the console, the e2e
 * global setups and `devnet up`. The site gets the network, the node URL and scheduler, the process ids and how the USDA
 * publishes its state (`usdaForm`) and whom its messages arrive under (`usdaAuthorities`, for the verdict read); the console also gets the
 * deployment record (versions, bundle hashes, admin) that its Processes page compares with what each process reports.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ProcessRoles as PROCESS_ROLES } from "@tim3/protocol";
import { deployStateSchema } from "@tim3/protocol/schemas";

/** The deploy state as libs/protocol's deployStateSchema declares it; throws a sentence naming what is wrong. */
function deployState(raw) {
  const parsed = deployStateSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`the deploy state is not valid: ${issue.path.join(".") || "(the file)"}: ${issue.message}`);
}

/** The site's config: the running devnet's URLs (`devnetInfo.urls`) when given, else the state file's. */
export function siteConfig(raw, devnetInfo, refreshMs = 5000) {
  const state = deployState(raw);
  const urls = devnetInfo?.urls ?? state.urls;
  const processes = {};
  for (const role of PROCESS_ROLES) {
    const id = state.processes[role]?.id;
    if (!id) throw new Error(`the deploy state has no ${role} process`);
    processes[role] = id;
  }
  const network = state.network;
  // How the USDA publishes (the deployment learned it): the app's first balance read asks that one path.
  const usdaForm = state.usdaForm !== undefined ? { usdaForm: state.usdaForm } : {};
  // USDA's authorities (the deployment read them from its spawn): the console's verdict read needs them when USDA's
  // spawn is not on the node's schedule. A state from before they were recorded has none: the SDK reads the spawn.
  const usdaAuthorities = state.usdaAuthorities !== undefined ? { usdaAuthorities: state.usdaAuthorities } : {};
  return { network, devnet: network === "local", urls: { nodeUrl: urls.nodeUrl, scheduler: urls.scheduler }, processes, ...usdaForm, ...usdaAuthorities, refreshMs };
}

/** The console's config: the site's plus the deployment record. */
export function consoleConfig(raw, devnetInfo, refreshMs = 5000) {
  const site = siteConfig(raw, devnetInfo, refreshMs);
  const state = deployState(raw);
  const deployment = { admin: state.admin, updatedAt: state.updatedAt, processes: {} };
  for (const role of PROCESS_ROLES) {
    const { id, name, version, bundleHash, external } = state.processes[role];
    deployment.processes[role] = { id, name, version, bundleHash, external: external === true };
  }
  return { ...site, deployment };
}

const HELP = (app) => `Writes ${app}'s runtime config (public/config.json, and out/config.json when a build exists) from a deploy state.
  node scripts/write-config.mjs [--state FILE] [--devnet-info FILE] [--out FILE] [--refresh-ms N]
  --state FILE        the deploy state (default <repo>/.devnet/deploy-state.json)
  --devnet-info FILE  the running devnet's ports (default devnet.json beside the state file; used when it exists)
  --out FILE          where to write (default <app>/public/config.json)
  --refresh-ms N      how often the app refreshes its reads (default 5000)
  -h, --help          this text`;

/** The body of each app's scripts/write-config.mjs: `kind` is "site" or "console". Returns the exit code. */
export function writeConfigCli({ appDir, kind, argv = process.argv.slice(2) }) {
  const root = resolve(appDir, "..", "..");
  const { values } = parseArgs({
    args: argv,
    options: {
      state: { type: "string", default: join(root, ".devnet", "deploy-state.json") },
      "devnet-info": { type: "string" },
      out: { type: "string", default: join(appDir, "public", "config.json") },
      "refresh-ms": { type: "string", default: "5000" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP(kind === "console" ? "the admin console" : "the site"));
    return 0;
  }
  const stateFile = resolve(values.state);
  const infoFile = resolve(values["devnet-info"] ?? join(dirname(stateFile), "devnet.json"));
  if (!existsSync(stateFile)) {
    console.error(`no deploy state at ${stateFile}: run \`pnpm start\` (devnet up) or tools/deploy first`);
    return 1;
  }
  const state = JSON.parse(readFileSync(stateFile, "utf8"));
  const info = existsSync(infoFile) ? JSON.parse(readFileSync(infoFile, "utf8")) : undefined;
  const refreshMs = Number(values["refresh-ms"]);
  const config = kind === "console" ? consoleConfig(state, info, refreshMs) : siteConfig(state, info, refreshMs);
  const targets = [resolve(values.out)];
  if (existsSync(join(appDir, "out"))) targets.push(join(appDir, "out", "config.json"));
  for (const file of targets) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(config, null, 2) + "\n");
    console.log(`wrote ${file}`);
  }
  return 0;
}
