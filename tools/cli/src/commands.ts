/**
 * The tim3 commands, on the SDK. Amounts on the command line and in the output are human units, converted exactly
 * with each token's Denomination (read from its Info).
 */
import { DISPUTE_REMEDY, ErrorCodes, Flows, OperationKind, OperationStatus, ReleaseOutcomes, Scopes, Tags, parseScope, type OperationKindName, type Scope } from "@tim3/protocol";
import { ClientErrorCodes, Tim3Error, verdictsOffered, type Operation, type OwedReturns, type OperationProgress, type Tim3Client, type TokenName, type UnsettledTransfer, type UsdaVerdictReading } from "@tim3/sdk";

export interface Out {
  log(line: string): void;
  progress(line: string): void;
}

export interface Context {
  client: Tim3Client;
  out: Out;
  json: boolean;
}

export function scopeArg(value: string | undefined): Scope {
  const v = value === undefined ? undefined : value.charAt(0).toUpperCase() + value.slice(1).toLowerCase();
  const scope = parseScope(v);
  if (scope === undefined) throw new Tim3Error(`scope must be one of: ${Object.values(Scopes).join(", ").toLowerCase()}`, { code: ErrorCodes.Malformed, action: "validate" });
  return scope;
}

function tokenArg(value: string | undefined): TokenName {
  const v = (value ?? "tim3").toLowerCase();
  if (v !== "tim3" && v !== "usda") throw new Tim3Error("--token must be tim3 or usda", { code: ErrorCodes.Malformed, action: "validate" });
  return v;
}

function emit(ctx: Context, data: unknown, lines: string[]): void {
  if (ctx.json) ctx.out.log(JSON.stringify(data));
  else for (const l of lines) ctx.out.log(l);
}

async function human(ctx: Context, token: TokenName, quantity: string): Promise<string> {
  return ctx.client.fromUnits(token, quantity);
}

export async function status(ctx: Context): Promise<void> {
  const c = ctx.client;
  const roles = Object.keys(c.processes) as (keyof typeof c.processes)[];
  const infos = await Promise.all(roles.map((r) => c.info(r)));
  const reserves = await c.reserves();
  const address = await c.address().catch(() => undefined);
  const balances = address
    ? { usda: await human(ctx, "usda", await c.balance("usda", address)), tim3: await human(ctx, "tim3", await c.balance("tim3", address)) }
    : undefined;
  const procs = roles.map((r, i) => ({ role: r, id: c.processes[r], version: infos[i][Tags.Version], sourceHash: infos[i][Tags.SourceHash] }));
  const supply = await human(ctx, "tim3", reserves.supply);
  const collateral = await human(ctx, "usda", reserves.collateral);
  const circuit = reserves.circuit;
  emit(ctx, { processes: procs, reserves, wallet: address, balances }, [
    `network   ${c.ao.network.nodeUrl}`,
    ...procs.map((p) => `  ${p.role.padEnd(13)}${p.id}  v${p.version}  ${String(p.sourceHash).slice(0, 12)}…`),
    `reserves  TIM3 supply ${supply} · USDA locked ${collateral} · ratio ${(Number(reserves.ratioBps) / 100).toFixed(2)}% · health ${reserves.health}`,
    `circuit   mint ${circuit.mintPaused ? "PAUSED" : "open"} · redeem ${circuit.redeemPaused ? "PAUSED" : "open"}${circuit.reason ? ` (${circuit.reason})` : ""}`,
    ...(address && balances ? [`wallet    ${address}: ${balances.usda} USDA · ${balances.tim3} TIM3`] : []),
  ]);
}

export async function balance(ctx: Context, account?: string): Promise<void> {
  const who = account ?? (await ctx.client.address());
  const usda = await ctx.client.balance("usda", who);
  const tim3 = await ctx.client.balance("tim3", who);
  const h = { usda: await human(ctx, "usda", usda), tim3: await human(ctx, "tim3", tim3) };
  emit(ctx, { account: who, usda: h.usda, tim3: h.tim3, base: { usda, tim3 } }, [`${who}`, `  USDA ${h.usda}`, `  TIM3 ${h.tim3}`]);
}

export async function faucet(ctx: Context, amount?: string): Promise<void> {
  const q = amount === undefined ? undefined : await ctx.client.toUnits("usda", amount);
  const sent = await ctx.client.faucet(q);
  const got = await human(ctx, "usda", sent.reply?.tags[Tags.Quantity] ?? "0");
  emit(ctx, { received: got, messageId: sent.messageId }, [`faucet: received ${got} USDA`]);
}

function progressLine(p: OperationProgress): string {
  return `  … ${p.status} (${(p.elapsedMs / 1000).toFixed(1)} s)`;
}

async function flow(ctx: Context, kind: OperationKindName, amount: string, requestId?: string, timeoutMs = 120_000): Promise<Operation> {
  const c = ctx.client;
  const from = Flows[kind].sends;
  const q = await c.toUnits(from, amount);
  ctx.out.progress(`${kind} ${amount} ${kind === "mint" ? "USDA → TIM3" : "TIM3 → USDA"}: sending…`);
  const req = kind === "mint" ? await c.mint(q, { requestId }) : await c.redeem(q, { requestId });
  ctx.out.progress(`  sent ${req.messageId} (request ${req.requestId}); waiting for the operation…`);
  // Only the operation of this holder and this kind is ours: request ids are labels scoped to their holder.
  const op = await c.waitForOperation(req.requestId, {
    holder: req.holder, kind: req.kind, timeoutMs, intervalMs: 500, firstIntervalMs: 25, onProgress: (p) => ctx.out.progress(progressLine(p)),
  });
  const h = await human(ctx, from, op.quantity);
  emit(ctx, op, [flowLine(kind, op, h)]);
  return op;
}

function flowLine(kind: OperationKindName, op: Operation, h: string): string {
  switch (op.status) {
    case OperationStatus.Completed:
      return `${kind} completed: ${h} ${kind === "mint" ? "TIM3 minted" : "USDA released"} (request ${op.requestId})`;
    case OperationStatus.Disputed:
      return `${kind} awaiting resolution by the admin: ${op.reason} (request ${op.requestId}, operation ${op.operation})`;
    default:
      return `${kind} refunded: ${op.reason} (request ${op.requestId})`;
  }
}

export const mint = (ctx: Context, amount: string, requestId?: string) => flow(ctx, "mint", amount, requestId);
export const redeem = (ctx: Context, amount: string, requestId?: string) => flow(ctx, "redeem", amount, requestId);

export async function transfer(ctx: Context, to: string, amount: string, token?: string): Promise<void> {
  const t = tokenArg(token);
  const sent = await ctx.client.transfer(t, to, await ctx.client.toUnits(t, amount));
  emit(ctx, { messageId: sent.messageId, to, amount, token: t }, [`transferred ${amount} ${t.toUpperCase()} to ${to} (${sent.messageId})`]);
}

export async function pause(ctx: Context, scope: string | undefined, reason?: string): Promise<void> {
  const sent = await ctx.client.pause(scopeArg(scope), reason);
  emit(ctx, sent.reply?.tags, [`paused ${scopeArg(scope)}: mint ${sent.reply?.tags[Tags.MintPaused] === "true" ? "paused" : "open"}, redeem ${sent.reply?.tags[Tags.RedeemPaused] === "true" ? "paused" : "open"}`]);
}

export async function resume(ctx: Context, scope: string | undefined): Promise<void> {
  const sent = await ctx.client.resume(scopeArg(scope));
  emit(ctx, sent.reply?.tags, [`resumed ${scopeArg(scope)}: mint ${sent.reply?.tags[Tags.MintPaused] === "true" ? "paused" : "open"}, redeem ${sent.reply?.tags[Tags.RedeemPaused] === "true" ? "paused" : "open"}`]);
}

/** What the CLI says about USDA's verdict on one transfer: the one command to give, or to wait. */
function verdictLine(t: UnsettledTransfer, reading: UsdaVerdictReading): string {
  return reading.verdict === "pending"
    ? `  USDA: ${reading.reason}: wait (its Debit-Notice settles it by itself)`
    : `  USDA: ${reading.verdict} (its result for the Lock Manager's Transfer, slot ${reading.slot}): tim3 resolve ${t.operation} ${reading.verdict}`;
}

/**
 * The Lock Manager's transfers USDA has not confirmed, each with its Transfer's X-Reference, USDA's own verdict on it
 * (read from USDA's schedule and that Transfer's result: the only verdict to give) and the remedy.
 */
export async function unsettled(ctx: Context): Promise<void> {
  const list = await ctx.client.unsettledTransfers();
  const withVerdicts = await Promise.all(list.map(async (t) => ({ ...t, usda: await ctx.client.usdaVerdict(t) })));
  const lines = withVerdicts.flatMap((t) => [`${t.status} ${t.kind} ${t.operation}: ${t.quantity} to ${t.holder}, X-Reference ${t.reference}` +
    (t.attempts > 1 ? `, attempt ${t.attempts}` : "") + (t.reason.length > 0 ? ` (${t.reason})` : ""), verdictLine(t, t.usda)]);
  emit(ctx, withVerdicts, list.length === 0 ? ["no unconfirmed transfer"] : [...lines, "", DISPUTE_REMEDY]);
}

/**
 * Resolve-Release, only as USDA's own result for the Lock Manager's Transfer says: a verdict that contradicts it, or
 * any verdict while USDA has not computed the Transfer, is refused (nothing sent) unless `force`.
 */
export async function resolve(ctx: Context, operation: string, outcome: string, force = false): Promise<void> {
  if (outcome !== ReleaseOutcomes.Paid && outcome !== ReleaseOutcomes.Failed) {
    throw new Tim3Error("resolve needs an outcome: paid or failed", { code: ErrorCodes.Malformed, action: "validate" });
  }
  // Not listed, no verdict can be read: the transfer may be final already (the Lock Manager would answer Not-Found or
  // Already-Final), or still open but left out of the list, which is bounded and which anyone can fill with returns in
  // flight; sent unchecked, "failed" on a Transfer still on its way paid twice (test/resolve-unlisted.test.ts).
  const transfer = (await ctx.client.unsettledTransfers()).find((t) => t.operation === operation);
  let refusal: string | undefined;
  if (transfer === undefined) {
    refusal = `${operation} is not among the Lock Manager's unsettled transfers (the list shows at most 50), so USDA's result for its Transfer cannot be read`;
  } else {
    const reading = await ctx.client.usdaVerdict(transfer);
    refusal = verdictsOffered(reading).includes(outcome) ? undefined : reading.verdict === "pending"
      ? `${reading.reason}: no verdict can be given yet ("failed" would pay twice when the Transfer lands)`
      : `USDA's result for the Lock Manager's Transfer (slot ${reading.slot}) is ${reading.verdict}, not ${outcome}`;
  }
  if (refusal !== undefined && !force) {
    throw new Tim3Error(`${refusal}; nothing sent (--force to send it anyway)`, { code: ClientErrorCodes.VerdictRefused, action: "validate" });
  }
  if (refusal !== undefined) ctx.out.progress(`--force: ${refusal}`);
  // The verdict names the Transfer it judges (Transfer-Reference): a second "failed" for an attempt already sent again
  // is refused by the Lock Manager instead of paying a refund once more.
  const sent = await ctx.client.resolveRelease(operation, outcome, transfer?.reference);
  emit(ctx, sent.reply?.tags, [`transfer ${operation} resolved as ${outcome}`]);
}

export interface LimitFlags {
  min?: string;
  max?: string;
  holderCap?: string;
  globalCap?: string;
  windowMs?: string;
}

export async function limits(ctx: Context, scope?: string, flags: LimitFlags = {}): Promise<void> {
  const c = ctx.client;
  if (scope !== undefined) {
    const s = scopeArg(scope);
    if (s === Scopes.All) throw new Tim3Error("limits are set per flow: mint or redeem", { code: ErrorCodes.Malformed, action: "validate" });
    const token = Flows[s === Scopes.Mint ? OperationKind.Mint : OperationKind.Redeem].sends;
    const conv = async (v: string | undefined) => (v === undefined ? undefined : v === "0" ? "0" : c.toUnits(token, v));
    const given = Object.values(flags).some((v) => v !== undefined);
    if (given) {
      await c.setLimits(s, {
        min: await conv(flags.min),
        max: await conv(flags.max),
        holderCap: await conv(flags.holderCap),
        globalCap: await conv(flags.globalCap),
        windowMs: flags.windowMs === undefined ? undefined : Number(flags.windowMs),
      });
    }
  }
  const view = await c.limits();
  const fmt = async (token: TokenName, l: Record<string, string>) => {
    const v = async (q: string | undefined, zeroIsNone: boolean) => (q === undefined ? "?" : zeroIsNone && q === "0" ? "none" : human(ctx, token, q));
    return `min ${await v(l[Tags.Min], false)} · max ${await v(l[Tags.Max], true)} · per holder ${await v(l[Tags.HolderCap], true)} · global ${await v(l[Tags.GlobalCap], true)} · window ${Number(l[Tags.WindowMs]) / 1000} s`;
  };
  emit(ctx, view, [`mint    ${await fmt(Flows.mint.sends, view.mint)}`, `redeem  ${await fmt(Flows.redeem.sends, view.redeem)}`]);
}

/** A token process's id as the CLI names it: USDA, TIM3, or the id itself for a token TIM3 does not know. */
function tokenOf(ctx: Context, process: string): TokenName | undefined {
  return process === ctx.client.processes.usda ? "usda" : process === ctx.client.processes.tokenManager ? "tim3" : undefined;
}

/** `1.5 USDA`, in human units when the token is USDA or TIM3, else base units and the token's id. */
async function amountText(ctx: Context, token: string, quantity: string): Promise<string> {
  const t = tokenOf(ctx, token);
  return t === undefined ? `${quantity} (base units) of ${token}` : `${await human(ctx, t, quantity)} ${t.toUpperCase()}`;
}

/** What the TIM3 processes keep for the wallet past their return limit (libs/protocol returns.ts), per process. */
export async function owed(ctx: Context, account?: string): Promise<OwedReturns[]> {
  const list = (await ctx.client.owedReturns(account)).filter((p) => p.owed.length > 0);
  const lines = await Promise.all(list.map(async (p) => `${p.role.padEnd(13)}${(await Promise.all(p.owed.map((o) => amountText(ctx, o.token, o.quantity)))).join(" · ")}`));
  emit(ctx, list, list.length === 0 ? ["nothing owed"] : [...lines, "tim3 claim: get it back"]);
  return list;
}

/**
 * Claim-Returns to every process that keeps something for the wallet (read first: a process owing nothing is not
 * asked). A process that answers Nothing-Owed meanwhile (claimed elsewhere) is reported, not an error.
 */
export async function claim(ctx: Context): Promise<void> {
  const owing = (await ctx.client.owedReturns()).filter((p) => p.owed.length > 0);
  const paid: { role: string; process: string; token: string; quantity: string; messageId: string }[] = [];
  const lines: string[] = [];
  for (const p of owing) {
    try {
      const claimed = await ctx.client.claimReturns(p.process);
      for (const t of claimed.paid) {
        paid.push({ role: p.role, process: p.process, token: t.token, quantity: t.quantity, messageId: claimed.messageId });
        lines.push(`${p.role}: paid ${await amountText(ctx, t.token, t.quantity)} (${claimed.messageId})`);
      }
    } catch (e) {
      if (!(e instanceof Tim3Error) || e.code !== ErrorCodes.NothingOwed) throw e;
      lines.push(`${p.role}: nothing owed any more`);
    }
  }
  emit(ctx, paid, owing.length === 0 ? ["nothing owed"] : lines);
}
