/** tim3-permaweb: publishes an app's static export to Arweave and points an ArNS name at it (`--help`). */
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { planArnsRecord, setArnsRecord } from "./arns";
import { deploy, planDeploy } from "./deploy";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "..");
const USAGE = `usage: tim3-permaweb deploy <site|admin|folder> --gateway URL --wallet key.json [--config network.json]
                     [--arns-name NAME --ant PROCESS_ID [--undername @] [--ttl 3600]] [--dry-run]
  --gateway URL       the Arweave gateway to upload to (mainnet: https://arweave.net)
  --wallet FILE       a funded Arweave key file (required to upload)
  --config FILE       uploaded as the app's config.json (its network: unit URLs and process ids)
  --arns-name NAME    point this ArNS name at the upload (with --ant)
  --ant PROCESS_ID    the name's ANT process
  --undername NAME    the undername to set (default @)
  --ttl SECONDS       the record's TTL (default 3600)
  --dry-run           print the plan (files, sizes, cost, the ArNS record) and upload nothing
  -h, --help          this text`;
function parseCommandLine() {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      strict: true,
      options: {
        gateway: { type: "string" },
        wallet: { type: "string" },
        config: { type: "string" },
        "arns-name": { type: "string" },
        ant: { type: "string" },
        undername: { type: "string" },
        ttl: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    console.error(`tim3-permaweb: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    process.exit(2);
  }
}
const { values, positionals } = parseCommandLine();
const opt = (name: "gateway" | "wallet" | "config" | "arns-name" | "ant" | "undername" | "ttl") => values[name];
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [command, target] = positionals;
if (command !== "deploy" || target === undefined) {
  console.error(USAGE);
  process.exit(2);
}
const dir = target === "site" || target === "admin" ? join(root, "apps", target, "out") : isAbsolute(target) ? target : resolve(target);
if (!existsSync(dir)) {
  console.error(`${dir} does not exist: build it first (pnpm nx build ${target})`);
  process.exit(2);
}
const gateway = opt("gateway");
const dryRun = values["dry-run"];
const configFile = opt("config");
const plan = await planDeploy(dir, gateway, configFile === undefined ? {} : { "config.json": readFileSync(configFile) });
console.log(`Plan: ${plan.files.length} files, ${plan.totalBytes} bytes from ${dir}`);
for (const f of plan.files) console.log(`  ${f.path.padEnd(60)} ${String(f.bytes).padStart(9)}  ${f.contentType}`);
console.log(`  + path manifest (index.html, fallback 404.html)`);
console.log(plan.costWinston === undefined ? "Cost: unknown (no gateway to ask)" : `Cost: ${plan.costWinston} winston (${plan.costAr} AR) at ${gateway}`);
const arnsName = opt("arns-name");
const ant = opt("ant");
if (arnsName !== undefined && ant !== undefined) {
  const record = planArnsRecord(arnsName, ant, undefined, opt("undername") ?? "@", Number(opt("ttl") ?? 3600));
  console.log(`ArNS: ${record.undername} on ${record.name} (ANT ${record.antProcessId}) → ${record.transactionId}, ttl ${record.ttlSeconds}s → ${record.url}`);
}
if (dryRun) process.exit(0);
if (gateway === undefined) {
  console.error("--gateway is required to upload");
  process.exit(2);
}
const walletPath = opt("wallet");
if (walletPath === undefined) {
  console.error("--wallet key.json is required to upload");
  process.exit(2);
}
const jwk = JSON.parse(readFileSync(walletPath, "utf8"));
const result = await deploy(plan, gateway, jwk, { appName: `TIM3-${target}`, onProgress: (line) => console.log(line) });
console.log(`Deployed: ${gateway.replace(/\/$/, "")}/${result.manifestId}/`);
if (arnsName !== undefined && ant !== undefined) {
  const record = planArnsRecord(arnsName, ant, result.manifestId, opt("undername") ?? "@", Number(opt("ttl") ?? 3600));
  const id = await setArnsRecord(record, jwk);
  console.log(`ArNS record set (message ${id}): ${record.url}`);
}
