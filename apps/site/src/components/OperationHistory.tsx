"use client";
import type { Operation } from "@tim3/sdk";
import { errorText, formatAmount } from "@tim3/web";
import { DataTable, type Column } from "@tim3/web/react";
import { useDenomination, useOperations } from "./hooks";

const TONE: Record<string, string> = { completed: "good", pending: "warn", disputed: "warn", refunded: "bad" };

/** The connected address's operations from the Coordinator (Get-Operations), newest first. */
export function OperationHistory() {
  const ops = useOperations();
  const d = useDenomination("tim3").data;
  const columns: Column<Operation>[] = [
    { header: "When", cell: (op) => (op.createdAt ? new Date(op.createdAt).toLocaleString() : "—") },
    { header: "Kind", cell: (op) => (op.kind === "mint" ? "Mint" : "Redeem") },
    { header: "Amount", className: "mono", cell: (op) => (d === undefined ? op.quantity : formatAmount(op.quantity, d)) },
    {
      header: "Status",
      cell: (op) => (
        <>
          <span className={`badge badge-${TONE[op.status] ?? "neutral"}`}>{op.status}</span>
          {op.reason ? <span className="small muted block">{op.reason}</span> : null}
        </>
      ),
    },
    { header: "Request", className: "mono small", title: (op) => op.requestId, cell: (op) => `${op.requestId.slice(0, 10)}…` },
  ];
  return (
    <section className="card" aria-labelledby="history-ops-title" data-testid="operation-history">
      <h2 id="history-ops-title">Your operations</h2>
      {ops.isError ? <p className="error-text">Could not read your operations: {errorText(ops.error)}</p> : null}
      {ops.data && ops.data.length === 0 ? <p className="muted">No mints or redeems yet.</p> : null}
      {ops.data && ops.data.length > 0 ? (
        <DataTable
          rows={ops.data}
          columns={columns}
          rowKey={(op) => op.requestId}
          rowAttributes={(op) => ({ "data-testid": "history-row", "data-status": op.status })}
          caption="Mints and redeems of the connected address"
        />
      ) : null}
    </section>
  );
}
