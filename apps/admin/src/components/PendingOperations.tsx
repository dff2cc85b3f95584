"use client";
/** The Coordinator's pending operations with their age, and Settle (re-send the unconfirmed steps; admin only). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { OperationKind } from "@tim3/protocol";
import { useState } from "react";
import { errorText, formatAge, formatAmount, formatTime, shortId } from "@tim3/web";
import { DataTable, type Column } from "@tim3/web/react";
import { pendingRows, type PendingRow } from "../lib/operations";
import { useConsole } from "./console-context";
import { useNow } from "./HealthPanel";
import { keys, useAccess, useDenomination, usePending } from "./hooks";

export function PendingOperations() {
  const { signing } = useConsole();
  const pending = usePending();
  const access = useAccess("coordinator");
  const usda = useDenomination("usda");
  const now = useNow();
  const queryClient = useQueryClient();
  // Shown above the table: a settled operation leaves the table as soon as it completes.
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const settle = useMutation({
    // The holder too: a request id is the holder's label, and anyone can use the same one (tests/flows/test/settle-label.test.ts).
    mutationFn: async (op: PendingRow) => (await signing()).client.settleOperation(op.requestId, op.holder),
    onMutate: () => setResult(undefined),
    onSuccess: (_r, op) => setResult({ ok: true, text: `Settle sent for ${op.requestId}: unconfirmed steps re-sent` }),
    onError: (e, op) => setResult({ ok: false, text: `Settle of ${op.requestId} failed: ${errorText(e)}` }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: keys.pending });
      void queryClient.invalidateQueries({ queryKey: keys.reserves });
      void queryClient.invalidateQueries({ queryKey: keys.audit });
    },
  });
  const canAct = access.mode === "admin";
  const rows = pending.data ? pendingRows(pending.data, now) : [];
  const settling = (op: PendingRow) => settle.isPending && settle.variables?.operation === op.operation;
  const columns: Column<PendingRow>[] = [
    { header: "Request", className: "mono", title: (op) => op.requestId, cell: (op) => shortId(op.requestId, 10, 4) },
    { header: "Kind", cell: (op) => op.kind },
    { header: "Holder", className: "mono", title: (op) => op.holder, cell: (op) => shortId(op.holder, 6, 4) },
    {
      header: "Amount",
      className: "mono nowrap",
      cell: (op) => `${usda.data === undefined ? op.quantity : formatAmount(op.quantity, usda.data, 12)} ${op.kind === OperationKind.Mint ? "USDA" : "TIM3"}`,
    },
    { header: "Age", title: (op) => `created ${formatTime(op.createdAt)}`, testId: "pending-age", cell: (op) => formatAge(op.ageMs) },
    { header: "Unconfirmed", cell: (op) => op.unconfirmed.join(", ") },
    {
      header: <span className="sr-only">Actions</span>,
      cell: (op) => (
        <button
          type="button"
          className="button"
          data-testid="settle"
          disabled={!canAct || settling(op)}
          title={canAct ? "Re-send the unconfirmed steps" : access.reason}
          onClick={() => settle.mutate(op)}
        >
          {settling(op) ? "Settling…" : "Settle"}
        </button>
      ),
    },
  ];
  return (
    <section className="card" aria-labelledby="pending-title">
      <div className="card-head">
        <h2 id="pending-title">Pending operations</h2>
        <span className="badge badge-neutral" data-testid="pending-total">
          {pending.data ? rows.length : "…"}
        </span>
      </div>
      <p className="muted small">
        A mint or redeem stays pending until every step is confirmed. Settle re-sends the unconfirmed steps of a stuck
        one; each step is idempotent by request id, so settling can only complete what was started.
      </p>
      {result ? (
        <p className={result.ok ? "form-ok" : "form-error"} role="status" data-testid="settle-status">
          {result.text}
        </p>
      ) : null}
      {pending.isError ? <p className="form-error" role="alert">{errorText(pending.error)}</p> : null}
      {pending.data && rows.length === 0 ? (
        <p className="muted" data-testid="pending-empty">
          Nothing is pending.
        </p>
      ) : null}
      {rows.length > 0 ? (
        <DataTable rows={rows} columns={columns} rowKey={(op) => op.requestId} rowAttributes={(op) => ({ "data-testid": "pending-row", "data-request-id": op.requestId })} testId="pending-table" />
      ) : null}
      {!canAct && rows.length > 0 ? <p className="muted small">{access.reason}</p> : null}
    </section>
  );
}
