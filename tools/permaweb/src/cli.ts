/**
 * tim3-permaweb deploy <site|admin|folder> --gateway URL --wallet key.json [--config network.json]
 *   [--arns-name NAME --ant PROCESS_ID [--undername @] [--ttl 3600]] [--dry-run]
 * --config uploads that file as the app's config.json (its network: unit URLs and process ids).
 * --dry-run prints the plan (files, sizes, cost from the gateway, the ArNS record) and uploads nothing.
 * Mainnet: --gateway https://arweave.net and a funded key file.
 */
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { planArnsRecord, setArnsRecord } from "./arns";
import { deploy, planDeploy } from "./deploy";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "..");
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const [command, target] = args;
if (command !== "deploy" || target === undefined) {
  console.error("usage: tim3-permaweb deploy <site|admin|folder> --gateway URL --wallet key.json [--arns-name NAME --ant ID] [--dry-run]");
  process.exit(2);
}
const dir = target === "site" || target === "admin" ? join(root, "apps", target, "out") : isAbsolute(target) ? target : resolve(target);
if (!existsSync(dir)) {
  console.error(`${dir} does not exist: build it first (pnpm nx build ${target})`);
  process.exit(2);
}
const gateway = opt("gateway");
const dryRun = args.includes("--dry-run");
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
