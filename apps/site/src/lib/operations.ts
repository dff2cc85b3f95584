/**
 * The steps of a mint or redeem as the holder sees them, derived from what the site knows so far: signing, the
 * transfer sent, and the Coordinator's operation record as waitForOperation reports it.
 */
import { OperationKind, OperationStatus, type OperationKindName, type OperationRecord, type OperationStatusName } from "@tim3/protocol";

/** The operation record the Coordinator returns (Get-Operation / Get-Operations): libs/protocol's type. */
export type { OperationRecord };

type Stage = "signing" | "sent" | "tracking" | "finished" | "failed";

/** One mint or redeem started from this page. */
export interface TrackedOperation {
  kind: OperationKindName;
  requestId: string;
  /** Base units. */
  quantity: string;
  stage: Stage;
  messageId?: string;
  /** Last status seen from the Coordinator ("unknown" until it has a record). */
  status?: OperationStatusName | "unknown";
  operation?: OperationRecord;
  /** A failure before or while tracking (wallet refused, network, timeout). */
  error?: string;
  startedAt: number;
}

type StepState = "done" | "active" | "waiting" | "failed";

export interface Step {
  key: string;
  label: string;
  state: StepState;
  detail?: string;
}

function state(done: boolean, active: boolean): StepState {
  return done ? "done" : active ? "active" : "waiting";
}

/** sent → deposited → minted (mint), or sent → burned → released (redeem); a refund replaces the last step. */
export function deriveSteps(op: TrackedOperation): Step[] {
  const isMint = op.kind === OperationKind.Mint;
  const record = op.operation;
  const status = record?.status ?? op.status;
  const sent = op.stage !== "signing" && !(op.stage === "failed" && op.messageId === undefined);
  const known = record !== undefined || (status !== undefined && status !== "unknown");
  const completed = status === OperationStatus.Completed;
  const refunded = status === OperationStatus.Refunded;
  const failed = op.stage === "failed";

  const steps: Step[] = [];
  steps.push({
    key: "sent",
    label: isMint ? "USDA sent to the Lock Manager" : "TIM3 sent to the Coordinator",
    state: failed && !sent ? "failed" : state(sent, op.stage === "signing"),
    detail: failed && !sent ? op.error : op.stage === "signing" ? "Waiting for the wallet's signature" : undefined,
  });
  const secondDone = isMint ? known : completed || record?.burned === true;
  steps.push({
    key: isMint ? "deposited" : "burned",
    label: isMint ? "Deposit recorded by the Coordinator" : "TIM3 burned",
    state: secondDone || (refunded && isMint) ? "done" : failed && sent ? "failed" : state(false, sent && !refunded),
    detail: failed && sent && !secondDone ? op.error : undefined,
  });
  if (status === OperationStatus.Disputed) {
    // USDA answered the release with a Transfer-Error: nothing is refunded or counted paid until USDA's own Debit-Notice
    // arrives or the admin resolves it (see PROTOCOL.md).
    steps.push({
      key: "disputed",
      label: "USDA release disputed: awaiting resolution",
      state: "active",
      detail: record?.reason ? `Reason: ${record.reason}` : undefined,
    });
  } else if (refunded) {
    steps.push({
      key: "refunded",
      label: isMint ? "Refunded: USDA returned" : "Refunded: TIM3 returned",
      state: "failed",
      detail: record?.reason ? `Reason: ${record.reason}` : undefined,
    });
  } else {
    steps.push({
      key: isMint ? "minted" : "released",
      label: isMint ? "TIM3 minted to you" : "USDA released to you",
      state: completed ? "done" : state(false, secondDone && !failed),
    });
  }
  return steps;
}

/** One line for an aria-live region: where the operation is now. */
export function describeProgress(op: TrackedOperation, symbol: (kind: OperationKindName) => string, amount: string): string {
  const what = `${op.kind === OperationKind.Mint ? "Mint" : "Redeem"} of ${amount} ${symbol(op.kind)}`;
  const status = op.operation?.status ?? op.status;
  if (op.stage === "signing") return `${what}: waiting for your wallet`;
  if (op.stage === "failed") return `${what} failed: ${op.error ?? "unknown error"}`;
  if (status === OperationStatus.Completed) return `${what} completed`;
  if (status === OperationStatus.Refunded) return `${what} refunded${op.operation?.reason ? `: ${op.operation.reason}` : ""}`;
  if (status === OperationStatus.Disputed) return `${what}: release disputed, awaiting resolution${op.operation?.reason ? `: ${op.operation.reason}` : ""}`;
  if (status === OperationStatus.Pending) return `${what}: in progress`;
  return `${what}: sent, waiting for the Coordinator`;
}

export function isSettled(op: TrackedOperation): boolean {
  const status = op.operation?.status ?? op.status;
  return op.stage === "failed" || status === OperationStatus.Completed || status === OperationStatus.Refunded;
}
