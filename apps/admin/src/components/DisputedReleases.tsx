"use client";
/**
 * Redeems whose USDA release is disputed: USDA answered the Lock Manager's Transfer with a Transfer-Error, which anyone
 * can provoke, so the Lock Manager neither refunds nor counts it paid until USDA's own Debit-Notice arrives or the
 * admin, having checked USDA's ledger, resolves it here (Resolve-Release on the Lock Manager; admin only).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ReleaseOutcomes, type ReleaseOutcome } from "@tim3/protocol";
import type { Operation } from "@tim3/sdk";
import { useState } from "react";
import { errorText, formatAmount, formatTime, shortId } from "@tim3/web";
import { DataTable, type Column } from "@tim3/web/react";
import { ConfirmDialog } from "./ConfirmDialog";
import { useConsole } from "./console-context";
import { keys, useAccess, useDenomination } from "./hooks";

type Choice = { op: Operation; outcome: ReleaseOutcome } | undefined;

const OUTCOME_TEXT: Record<ReleaseOutcome, string> = {
  [ReleaseOutcomes.Paid]: "USDA's ledger shows the holder was paid: the redeem completes.",
  [ReleaseOutcomes.Failed]: "USDA's ledger shows the transfer failed: the USDA counts as locked again and the holder's TIM3 is minted back.",
};

export function DisputedReleases() {
  const { reader, signing, config } = useConsole();
  const disputed = useQuery({ queryKey: keys.disputed, queryFn: () => reader.disputedOperations(), refetchInterval: config.refreshMs });
  const access = useAccess("lockManager");
  const tim3 = useDenomination("tim3");
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<Choice>();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const resolve = useMutation({
    mutationFn: async (c: NonNullable<Choice>) => (await signing()).client.resolveRelease(c.op.operation, c.outcome),
    onMutate: () => setResult(undefined),
    onSuccess: (_r, c) => {
      setChoice(undefined);
      setResult({ ok: true, text: `Release of ${c.op.requestId} resolved as ${c.outcome}` });
    },
    onSettled: () => {
      for (const key of [keys.disputed, keys.pending, keys.reserves, keys.audit]) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const canAct = access.mode === "admin";
  const rows = disputed.data ?? [];
  const columns: Column<Operation>[] = [
    { header: "Request", className: "mono", title: (op) => op.requestId, cell: (op) => shortId(op.requestId, 10, 4) },
    { header: "Holder", className: "mono", title: (op) => op.holder, cell: (op) => shortId(op.holder, 6, 4) },
    { header: "Amount", className: "mono nowrap", cell: (op) => `${tim3.data === undefined ? op.quantity : formatAmount(op.quantity, tim3.data, 12)} TIM3` },
    { header: "Since", cell: (op) => formatTime(op.updatedAt) },
    { header: "Reason", className: "small", cell: (op) => op.reason },
    {
      header: <span className="sr-only">Actions</span>,
      cell: (op) => (
        <span className="nowrap">
          {[ReleaseOutcomes.Paid, ReleaseOutcomes.Failed].map((outcome) => (
            <button
              key={outcome}
              type="button"
              className={outcome === ReleaseOutcomes.Paid ? "button" : "button-secondary"}
              data-testid={`resolve-${outcome}`}
              disabled={!canAct || resolve.isPending}
              title={canAct ? OUTCOME_TEXT[outcome] : access.reason}
              onClick={() => setChoice({ op, outcome })}
            >
              {outcome === ReleaseOutcomes.Paid ? "Paid" : "Failed"}
            </button>
          ))}
        </span>
      ),
    },
  ];
  return (
    <section className="card" aria-labelledby="disputed-title">
      <div className="card-head">
        <h2 id="disputed-title">Disputed releases</h2>
        <span className={`badge ${rows.length > 0 ? "badge-warn" : "badge-neutral"}`} data-testid="disputed-total">
          {disputed.data ? rows.length : "…"}
        </span>
      </div>
      <p className="muted small">
        USDA answered the release with a Transfer-Error, which anyone can provoke, so redeeming stays paused until USDA&apos;s
        Debit-Notice settles it as paid, or you resolve it after checking USDA&apos;s ledger.
      </p>
      {result ? (
        <p className={result.ok ? "form-ok" : "form-error"} role="status" data-testid="resolve-status">
          {result.text}
        </p>
      ) : null}
      {disputed.isError ? <p className="form-error" role="alert">{errorText(disputed.error)}</p> : null}
      {disputed.data && rows.length === 0 ? (
        <p className="muted" data-testid="disputed-empty">
          No release is disputed.
        </p>
      ) : null}
      {rows.length > 0 ? (
        <DataTable rows={rows} columns={columns} rowKey={(op) => op.operation} rowAttributes={(op) => ({ "data-testid": "disputed-row", "data-request-id": op.requestId })} testId="disputed-table" />
      ) : null}
      <ConfirmDialog
        open={choice !== undefined}
        title={choice ? `Resolve the release of ${choice.op.requestId} as ${choice.outcome}?` : ""}
        confirmLabel={choice ? `Resolve as ${choice.outcome}` : "Confirm"}
        tone={choice?.outcome === ReleaseOutcomes.Failed ? "danger" : "normal"}
        busy={resolve.isPending}
        error={resolve.isError ? errorText(resolve.error) : undefined}
        onCancel={() => setChoice(undefined)}
        onConfirm={() => choice && resolve.mutate(choice)}
      >
        <p>{choice ? OUTCOME_TEXT[choice.outcome] : null}</p>
      </ConfirmDialog>
    </section>
  );
}
