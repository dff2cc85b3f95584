"use client";
import type { OperationKindName } from "@tim3/protocol";
import { formatAmount } from "@tim3/web";
import { deriveSteps, describeProgress, type TrackedOperation } from "../lib/operations";

const ICON: Record<string, string> = { done: "✓", active: "…", waiting: "○", failed: "✕" };

/** The mints and redeems started here, each with its steps as waitForOperation reports them. */
export function Tracker({ ops, denomination }: { ops: TrackedOperation[]; denomination: (k: OperationKindName) => number | undefined }) {
  return (
    <section className="card" aria-labelledby="tracker-title" data-testid="tracker">
      <h2 id="tracker-title">Operation tracker</h2>
      {ops.length === 0 ? <p className="muted">Mints and redeems you start appear here, step by step.</p> : null}
      <ol className="tracked">
        {ops.map((op) => {
          const d = denomination(op.kind);
          const amount = d === undefined ? op.quantity : formatAmount(op.quantity, d, d);
          const symbol = op.kind === "mint" ? "USDA" : "TIM3";
          const steps = deriveSteps(op);
          return (
            <li key={op.requestId} className="tracked-op" data-testid="tracked-op" data-request-id={op.requestId} data-status={op.operation?.status ?? op.status ?? op.stage}>
              <div className="tracked-head">
                <strong>
                  {op.kind === "mint" ? "Mint" : "Redeem"} {amount} {symbol}
                </strong>
                <span className="mono small muted" title={op.requestId}>
                  {op.requestId.slice(0, 10)}…
                </span>
              </div>
              <ol className="steps">
                {steps.map((s) => (
                  <li key={s.key} className={`step step-${s.state}`} data-step={s.key} data-state={s.state}>
                    <span className="step-icon" aria-hidden="true">
                      {ICON[s.state]}
                    </span>
                    <span>
                      {s.label}
                      <span className="sr-only"> ({s.state})</span>
                      {s.detail ? <span className="step-detail">{s.detail}</span> : null}
                    </span>
                  </li>
                ))}
              </ol>
              <p className="sr-only" aria-live="polite">
                {describeProgress(op, (k) => (k === "mint" ? "USDA" : "TIM3"), amount)}
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
