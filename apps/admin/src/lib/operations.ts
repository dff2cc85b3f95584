/** Pending operations as the console lists them: oldest first, with their age and the steps still unconfirmed. */
import { OperationKind } from "@tim3/protocol";
import type { Operation } from "@tim3/sdk";

export interface PendingRow extends Operation {
  ageMs: number;
  /** The steps a Settle would re-send. */
  unconfirmed: string[];
}

function unconfirmedSteps(op: Operation): string[] {
  if (op.kind === OperationKind.Mint) return ["mint TIM3"];
  const steps: string[] = [];
  if (!op.burned) steps.push("burn TIM3");
  if (!op.released) steps.push("release USDA");
  return steps;
}

export function pendingRows(ops: Operation[], now: number): PendingRow[] {
  return ops
    .map((op) => ({ ...op, ageMs: Math.max(0, now - op.createdAt), unconfirmed: unconfirmedSteps(op) }))
    .sort((a, b) => b.ageMs - a.ageMs || (a.requestId < b.requestId ? -1 : 1));
}
