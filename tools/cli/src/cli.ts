/** tim3: the operators' and integrators' CLI on the SDK (`tim3 --help`). */
import { join, resolve } from "node:path";
import { parseArgs as parseArgsUtil, type ParseArgsConfig } from "node:util";
import { processesOf, readJwk, readState, workspaceRoot } from "@tim3/deploy";
import { ErrorCodes, OperationStatus } from "@tim3/protocol";
import { ClientErrorCodes, Tim3Error, createTim3Client, nodeSigner } from "@tim3/sdk";
import { nodeFetch } from "@tim3/sdk/node";
import * as cmd from "./commands";

const USAGE = `usage: tim3 <command> [args] [--state FILE] [--wallet FILE] [--data-dir DIR] [--json]
  status                                   processes, reserves, circuit, your balances
  balance [address]                        USDA and TIM3 balances
  faucet [amount]                          claim devnet USDA
  mint <amount> [--request-id ID]          lock USDA, receive TIM3 (waits for the operation)
  redeem <amount> [--request-id ID]        return TIM3, receive USDA (waits for the operation)
  transfer <to> <amount> [--token tim3|usda]
  owed [address]                           what the TIM3 processes keep for you past their return limit
  claim                                    get it back: Claim-Returns to every process that keeps something
  pause <mint|redeem|all> [--reason TEXT]  (admin)
  resume <mint|redeem|all>                 (admin)
  unsettled                                the Lock Manager's transfers USDA has not confirmed, USDA's own verdict
                                           on each (its result for the Lock Manager's Transfer), and what to do
  resolve <operation> <paid|failed> [--force]
                                           resolve one as USDA's own result for its Transfer says; a verdict that
                                           contradicts it, or any while USDA has not computed it, is refused
                                           unless --force; names the Transfer it judges (its X-Reference) (admin)
  limits [mint|redeem [--min A] [--max A] [--holder-cap A] [--global-cap A] [--window-ms N]]   show / set (admin)
  -h, --help                               this text
Defaults: <repo>/.devnet/deploy-state.json and the dev wallet <repo>/.devnet/wallet.json.`;

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | true>;
}

const VALUE_FLAGS = ["state", "wallet", "data-dir", "reason", "token", "request-id", "min", "max", "holder-cap", "global-cap", "window-ms", "timeout"] as const;

/** The command line through node:util parseArgs: unknown flags and missing values are errors. */
export function parseArgs(argv: string[]): ParsedArgs {
  const options: ParseArgsConfig["options"] = { json: { type: "boolean" }, force: { type: "boolean" }, help: { type: "boolean", short: "h" } };
  for (const name of VALUE_FLAGS) options[name] = { type: "string" };
  let parsed;
  try {
    parsed = parseArgsUtil({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new Tim3Error(e instanceof Error ? e.message : String(e), { code: ErrorCodes.Malformed, action: "validate" });
  }
  const flags: Record<string, string | true> = {};
  for (const [name, value] of Object.entries(parsed.values)) if (value !== undefined && value !== false) flags[name] = value === true ? true : String(value);
  return { positional: parsed.positionals, flags };
}

export async function run(argv: string[], out: cmd.Out): Promise<number> {
  const { positional, flags } = parseArgs(argv);
  const [command, ...rest] = positional;
  if (flags.help === true || command === undefined) {
    out.log(USAGE);
    return flags.help === true ? 0 : 1;
  }
  const str = (k: string) => (typeof flags[k] === "string" ? (flags[k] as string) : undefined);
  const dataDir = resolve(str("data-dir") ?? join(workspaceRoot, ".devnet"));
  const stateFile = resolve(str("state") ?? join(dataDir, "deploy-state.json"));
  const state = readState(stateFile);
  if (state === undefined) throw new Tim3Error(`no deployment at ${stateFile}: start the devnet first (pnpm start)`, { code: ErrorCodes.Unavailable, action: "validate" });
  const walletFile = resolve(str("wallet") ?? join(dataDir, "wallet.json"));
  const signer = nodeSigner(readJwk(walletFile));
  const client = createTim3Client({ network: state.urls, processes: processesOf(state), signer, usdaForm: state.usdaForm, usdaAuthorities: state.usdaAuthorities, fetch: nodeFetch() });
  const ctx: cmd.Context = { client, out, json: flags.json === true };
  const need = (i: number, what: string) => {
    if (rest[i] === undefined) throw new Tim3Error(`${command} needs ${what}`, { code: ErrorCodes.Missing, action: "validate" });
    return rest[i];
  };
  switch (command) {
    case "status":
      await cmd.status(ctx);
      return 0;
    case "balance":
      await cmd.balance(ctx, rest[0]);
      return 0;
    case "faucet":
      await cmd.faucet(ctx, rest[0]);
      return 0;
    case "mint":
    case "redeem": {
      const op = await cmd[command](ctx, need(0, "an amount"), str("request-id"));
      return op.status === OperationStatus.Completed ? 0 : 2;
    }
    case "transfer":
      await cmd.transfer(ctx, need(0, "a recipient"), need(1, "an amount"), str("token"));
      return 0;
    case "owed":
      await cmd.owed(ctx, rest[0]);
      return 0;
    case "claim":
      await cmd.claim(ctx);
      return 0;
    case "pause":
      await cmd.pause(ctx, need(0, "a scope (mint, redeem, all)"), str("reason"));
      return 0;
    case "unsettled":
      await cmd.unsettled(ctx);
      return 0;
    case "resolve":
      await cmd.resolve(ctx, need(0, "an operation key"), need(1, "an outcome (paid, failed)"), flags.force === true);
      return 0;
    case "resume":
      await cmd.resume(ctx, need(0, "a scope (mint, redeem, all)"));
      return 0;
    case "limits":
      await cmd.limits(ctx, rest[0], {
        min: str("min"), max: str("max"), holderCap: str("holder-cap"), globalCap: str("global-cap"), windowMs: str("window-ms"),
      });
      return 0;
    default:
      out.log(USAGE);
      return 1;
  }
}

/**
 * What the CLI prints for a failure: the error's text and the step that failed; for a charging node's refusal
 * (Node-Credit), also the address to top up, the node and where its credit shows, each on a line of its own.
 */
export function errorText(e: unknown): string {
  if (!(e instanceof Tim3Error)) return `error: ${e instanceof Error ? e.message : String(e)}`;
  const lines = [`error: ${e.message}${e.action !== "validate" ? ` (${e.action})` : ""}`];
  if (e.code === ClientErrorCodes.NodeCredit && e.payment !== undefined) {
    lines.push(
      `  top up:      ${e.payment.address} at ${e.payment.nodeUrl} (its ledger~node-process@1.0; aos: AO_URL=${e.payment.nodeUrl} aos --topup, with this wallet)`,
      `  credit now:  ${e.payment.balanceUrl}`,
    );
  }
  return lines.join("\n");
}

/** The `tim3` command: runs argv, then exits with its code (src/main.ts, the bundle's entry, calls it). */
export function main(argv: string[]): void {
  const out: cmd.Out = { log: (l) => console.log(l), progress: (l) => console.error(l) };
  run(argv, out).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(errorText(e));
      process.exit(1);
    },
  );
}
