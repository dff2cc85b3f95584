"use client";
/** The Coordinator's pending operations with their age, and Settle (re-send the unconfirmed steps; admin only). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { OperationKind } from "@tim3/protocol";
import { useState } from "react";
import { errorText, formatAge, formatAmount, formatTime, shortId } from "@tim3/web";
import { pendingRows } from "../lib/operations";
import { useConsole } from "./console-context";
import { useNow } from "./HealthPanel";
import { keys, useAccess, useDenomination, usePending } from "./hooks";

export function PendingOperations() {
  const { client } = useConsole();
  const pending = usePending();
  const access = useAccess("coordinator");
  const usda = useDenomination("usda");
  const now = useNow();
  const queryClient = useQueryClient();
  // Shown above the table: a settled operation leaves the table as soon as it completes.
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const settle = useMutation({
    mutationFn: (requestId: string) => client.settleOperation(requestId),
    onMutate: () => setResult(undefined),
    onSuccess: (_r, requestId) => setResult({ ok: true, text: `Settle sent for ${requestId}: unconfirmed steps re-sent` }),
    onError: (e, requestId) => setResult({ ok: false, text: `Settle of ${requestId} failed: ${errorText(e)}` }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: keys.pending });
      void queryClient.invalidateQueries({ queryKey: keys.reserves });
      void queryClient.invalidateQueries({ queryKey: keys.audit });
    },
  });
  const canAct = access.mode === "admin";
  const rows = pending.data ? pendingRows(pending.data, now) : [];
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
        <div className="table-wrap">
          <table className="table" data-testid="pending-table">
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Kind</th>
                <th scope="col">Holder</th>
                <th scope="col">Amount</th>
                <th scope="col">Age</th>
                <th scope="col">Unconfirmed</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((op) => (
                <tr key={op.requestId} data-testid="pending-row" data-request-id={op.requestId}>
                  <td className="mono" title={op.requestId}>
                    {shortId(op.requestId, 10, 4)}
                  </td>
                  <td>{op.kind}</td>
                  <td className="mono" title={op.holder}>
                    {shortId(op.holder, 6, 4)}
                  </td>
                  <td className="mono nowrap">
                    {usda.data === undefined ? op.quantity : formatAmount(op.quantity, usda.data, 12)} {op.kind === OperationKind.Mint ? "USDA" : "TIM3"}
                  </td>
                  <td title={`created ${formatTime(op.createdAt)}`} data-testid="pending-age">
                    {formatAge(op.ageMs)}
                  </td>
                  <td>{op.unconfirmed.join(", ")}</td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      data-testid="settle"
                      disabled={!canAct || (settle.isPending && settle.variables === op.requestId)}
                      title={canAct ? "Re-send the unconfirmed steps" : access.reason}
                      onClick={() => settle.mutate(op.requestId)}
                    >
                      {settle.isPending && settle.variables === op.requestId ? "Settling…" : "Settle"}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {!canAct && rows.length > 0 ? <p className="muted small">{access.reason}</p> : null}
    </section>
  );
}
