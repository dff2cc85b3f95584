/** Whether a form may be submitted now, and if not, the reason shown next to its disabled button. */
import { OperationKind, type OperationKindName } from "@tim3/protocol";

export interface Circuit {
  mintPaused: boolean;
  redeemPaused: boolean;
  reason?: string;
}

export type Availability = { enabled: true } | { enabled: false; reason: string };

/** A form of the site: a flow (mint, redeem: the protocol's operation kinds) or a plain transfer or faucet claim. */
export type FormKind = OperationKindName | "transfer" | "faucet";

export function availability(kind: FormKind, ctx: { connected: boolean; circuit?: Circuit; busy?: boolean }): Availability {
  if (!ctx.connected) return { enabled: false, reason: "Connect a wallet first" };
  const why = ctx.circuit?.reason ? ` (${ctx.circuit.reason})` : "";
  if (kind === OperationKind.Mint && ctx.circuit?.mintPaused) return { enabled: false, reason: `Minting is paused${why}` };
  if (kind === OperationKind.Redeem && ctx.circuit?.redeemPaused) return { enabled: false, reason: `Redeeming is paused${why}` };
  if (ctx.busy) return { enabled: false, reason: "Waiting for the previous request to be signed" };
  return { enabled: true };
}

/** Both circuits (the State Manager's and the Coordinator's view) merged: paused if either says so. */
export function mergeCircuits(...circuits: (Circuit | undefined)[]): Circuit | undefined {
  const known = circuits.filter((c): c is Circuit => c !== undefined);
  if (known.length === 0) return undefined;
  return {
    mintPaused: known.some((c) => c.mintPaused),
    redeemPaused: known.some((c) => c.redeemPaused),
    reason: known.map((c) => c.reason ?? "").find((r) => r !== "") ?? "",
  };
}

export function recipientError(value: string, self?: string, isAddress?: (v: string) => boolean): string | undefined {
  const v = value.trim();
  if (v === "") return "Enter the recipient's address";
  if (isAddress && !isAddress(v)) return "An address is 43 characters of letters, digits, - and _";
  if (self !== undefined && v === self) return "That is your own address";
  return undefined;
}
