/** Pure tag building for every message the SDK sends; no I/O, so it is unit-tested directly. */
import { Actions, ErrorCodes, ReleaseOutcomes, Tags, isRequestId, parseQuantity, type ReleaseOutcome, type Scope } from "@tim3/protocol";
import type { Reply, Tag, AoMessage } from "./types";
import { Tim3Error } from "./errors";

/** `{ A: "1", B: undefined }` → `[{ name: "A", value: "1" }]`; undefined values are dropped, order is kept. */
export function toTags(record: Record<string, string | undefined>): Tag[] {
  const out: Tag[] = [];
  for (const [name, value] of Object.entries(record)) if (value !== undefined) out.push({ name, value });
  return out;
}

export function tagRecord(tags: Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (out[t.name] === undefined) out[t.name] = t.value;
  return out;
}

/** A quantity in base units, checked before anything is signed (decimal digit strings only). */
export function requireQuantity(quantity: unknown, name: string = Tags.Quantity, positive = true): string {
  const q = parseQuantity(quantity, name, positive);
  if (!q.ok) throw new Tim3Error(q.error, { code: q.code, action: "validate" });
  return q.value;
}

/** A fresh request id: 32 hex characters from the platform's CSPRNG. */
export function newRequestId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function requireRequestId(requestId: string | undefined): string {
  const id = requestId ?? newRequestId();
  if (!isRequestId(id)) throw new Tim3Error("X-Request-Id must be 1 to 128 printable characters without spaces", { code: ErrorCodes.Malformed, action: "validate" });
  return id;
}

/** Every extra tag of a transfer must be an `X-` tag (they are forwarded onto both notices). */
export function transferTags(recipient: string, quantity: string, xTags: Record<string, string> = {}): Tag[] {
  const record: Record<string, string> = {
    [Tags.Action]: Actions.Transfer,
    [Tags.Recipient]: recipient,
    [Tags.Quantity]: requireQuantity(quantity),
  };
  for (const [k, v] of Object.entries(xTags)) {
    if (!k.startsWith(Tags.XPrefix)) throw new Tim3Error(`Extra transfer tags must start with ${Tags.XPrefix} (got ${k})`, { code: ErrorCodes.Malformed, action: "validate" });
    record[k] = v;
  }
  return toTags(record);
}

/** Mint = USDA Transfer to the Lock Manager with X-Action = Mint and X-Request-Id. */
export function mintTags(lockManager: string, quantity: string, requestId: string): Tag[] {
  return transferTags(lockManager, quantity, { [Tags.XAction]: Actions.Mint, [Tags.XRequestId]: requestId });
}

/** Redeem = TIM3 Transfer to the Coordinator with X-Action = Redeem and X-Request-Id. */
export function redeemTags(coordinator: string, quantity: string, requestId: string): Tag[] {
  return transferTags(coordinator, quantity, { [Tags.XAction]: Actions.Redeem, [Tags.XRequestId]: requestId });
}

export interface LimitsInput {
  min?: string;
  max?: string;
  holderCap?: string;
  globalCap?: string;
  windowMs?: number;
}

export function setLimitsTags(scope: Scope, limits: LimitsInput): Tag[] {
  const q = (v: string | undefined, name: string, positive: boolean) => (v === undefined ? undefined : requireQuantity(v, name, positive));
  return toTags({
    [Tags.Action]: Actions.SetLimits,
    [Tags.Scope]: scope,
    [Tags.Min]: q(limits.min, Tags.Min, true),
    [Tags.Max]: q(limits.max, Tags.Max, false),
    [Tags.HolderCap]: q(limits.holderCap, Tags.HolderCap, false),
    [Tags.GlobalCap]: q(limits.globalCap, Tags.GlobalCap, false),
    [Tags.WindowMs]: limits.windowMs === undefined ? undefined : String(Math.trunc(limits.windowMs)),
  });
}

export function pauseTags(scope: Scope, reason?: string): Tag[] {
  return toTags({ [Tags.Action]: Actions.Pause, [Tags.Scope]: scope, [Tags.Reason]: reason });
}

export function resumeTags(scope: Scope): Tag[] {
  return toTags({ [Tags.Action]: Actions.Resume, [Tags.Scope]: scope });
}

export function settleTags(requestId: string, holder?: string): Tag[] {
  if (!isRequestId(requestId)) throw new Tim3Error("Request-Id must be 1 to 128 printable characters without spaces", { code: ErrorCodes.Malformed, action: "validate" });
  const tags: Record<string, string> = { [Tags.Action]: Actions.SettleOperation, [Tags.RequestId]: requestId };
  if (holder !== undefined) tags[Tags.Holder] = holder;
  return toTags(tags);
}

/**
 * Resolve-Release (admin, Lock Manager): USDA's own result for the Lock Manager's Transfer of a disputed or unconfirmed
 * transfer (`usdaVerdict`), never what balances show. `operation` is a redeem's key or a refund's deposit id.
 */
export function resolveReleaseTags(operation: string, outcome: ReleaseOutcome, transferReference?: string): Tag[] {
  if (operation === "") throw new Tim3Error("Operation is required", { code: ErrorCodes.Missing, action: "validate" });
  if (outcome !== ReleaseOutcomes.Paid && outcome !== ReleaseOutcomes.Failed) {
    throw new Tim3Error("Outcome must be paid or failed", { code: ErrorCodes.Malformed, action: "validate" });
  }
  const tags: Record<string, string> = { [Tags.Action]: Actions.ResolveRelease, [Tags.Operation]: operation, [Tags.Outcome]: outcome };
  if (transferReference !== undefined && transferReference !== "") tags[Tags.TransferReference] = transferReference;
  return toTags(tags);
}

/** An outbox message as a Reply: tags by name, Data JSON-decoded when possible. */
export function toReply(m: AoMessage): Reply {
  const tags = tagRecord(m.Tags);
  const data = typeof m.Data === "string" ? m.Data : m.Data === undefined ? "" : JSON.stringify(m.Data);
  let json: unknown = undefined;
  if (data !== "") {
    try {
      json = JSON.parse(data);
    } catch {
      json = undefined;
    }
  }
  return { action: tags[Tags.Action], tags, data, json, target: m.Target };
}
