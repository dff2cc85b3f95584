"use client";
import { errorText, formatAmount } from "@tim3/web";
import { useDenomination, useOperations } from "./hooks";

const TONE: Record<string, string> = { completed: "good", pending: "warn", refunded: "bad" };

/** The connected address's operations from the Coordinator (Get-Operations), newest first. */
export function OperationHistory() {
  const ops = useOperations();
  const d = useDenomination("tim3").data;
  return (
    <section className="card" aria-labelledby="history-ops-title" data-testid="operation-history">
      <h2 id="history-ops-title">Your operations</h2>
      {ops.isError ? <p className="error-text">Could not read your operations: {errorText(ops.error)}</p> : null}
      {ops.data && ops.data.length === 0 ? <p className="muted">No mints or redeems yet.</p> : null}
      {ops.data && ops.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Mints and redeems of the connected address</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Kind</th>
                <th scope="col">Amount</th>
                <th scope="col">Status</th>
                <th scope="col">Request</th>
              </tr>
            </thead>
            <tbody>
              {ops.data.map((op) => (
                <tr key={op.requestId} data-testid="history-row" data-status={op.status}>
                  <td>{op.createdAt ? new Date(op.createdAt).toLocaleString() : "—"}</td>
                  <td>{op.kind === "mint" ? "Mint" : "Redeem"}</td>
                  <td className="mono">{d === undefined ? op.quantity : formatAmount(op.quantity, d)}</td>
                  <td>
                    <span className={`badge badge-${TONE[op.status] ?? "neutral"}`}>{op.status}</span>
                    {op.reason ? <span className="small muted block">{op.reason}</span> : null}
                  </td>
                  <td className="mono small" title={op.requestId}>
                    {op.requestId.slice(0, 10)}…
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
