"use client";
/**
 * The Lock Manager's transfers USDA has not confirmed (releases, refunds, returns): sent and not yet answered, or
 * answered with a Transfer-Error, which anyone can provoke. Nothing is done before USDA says so: its Debit-Notice
 * settles one by itself. The admin resolves one here (Resolve-Release on the Lock Manager; admin only) only as USDA's
 * own result for the Lock Manager's Transfer with that X-Reference says (libs/protocol's usdaVerdict, DISPUTE_REMEDY):
 * never from balances, which look unpaid while the Transfer is still on its way. The console reads that result itself
 * (the SDK's usdaVerdict: USDA's schedule and the Transfer's computed result) and offers that one verdict only; none
 * while USDA has not computed the Transfer, since "failed" then pays twice when it lands.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { DISPUTE_REMEDY, ReleaseOutcomes, TransferKinds, type ReleaseOutcome, type UnsettledTransfer } from "@tim3/protocol";
import { useState } from "react";
import type { UsdaVerdictReading } from "@tim3/sdk/reads";
import { errorText, formatAmount, formatTime, shortId } from "@tim3/web";
import { DataTable, type Column } from "@tim3/web/react";
import { ConfirmDialog } from "./ConfirmDialog";
import { useConsole } from "./console-context";
import { keys, useAccess, useDenomination } from "./hooks";

type Choice = { op: UnsettledTransfer; outcome: ReleaseOutcome } | undefined;

function outcomeText(op: UnsettledTransfer, outcome: ReleaseOutcome): string {
  const evidence = `USDA has computed the Lock Manager's Transfer with X-Reference ${op.reference} (the message from the Lock Manager on USDA's schedule, not balances: a Transfer on its way looks unpaid), and its result `;
  if (outcome === ReleaseOutcomes.Paid) return evidence + "is a Debit-Notice: the transfer is done.";
  return evidence + (op.kind === TransferKinds.Release
    ? "is not a Debit-Notice: the USDA counts as locked again and the holder's TIM3 is minted back."
    : "is not a Debit-Notice: the USDA is sent again (fix what made USDA refuse it first).");
}

/** The one verdict USDA's result gives for this transfer, as a button; nothing while USDA has not computed it. */
function VerdictActions({ op, canAct, busy, why, choose }: { op: UnsettledTransfer; canAct: boolean; busy: boolean; why: string | undefined; choose: (c: NonNullable<Choice>) => void }) {
  const { reader, config } = useConsole();
  const verdict = useQuery({ queryKey: [...keys.unsettled, "usda-verdict", op.reference], queryFn: () => reader.usdaVerdict(op), refetchInterval: config.refreshMs });
  if (verdict.isError) return <span className="form-error small" role="alert">{errorText(verdict.error)}</span>;
  if (verdict.data === undefined) return <span className="muted small">Reading USDA's result…</span>;
  // The SDK's verdictsOffered, inlined: apps load the SDK's code only through the reader.
  const reading: UsdaVerdictReading = verdict.data;
  const offered = reading.verdict === "pending" ? [] : [reading.verdict];
  if (offered.length === 0) {
    return (
      <span className="muted small" data-testid="verdict-pending" title={reading.verdict === "pending" ? reading.reason : undefined}>
        USDA has not computed the Lock Manager's transfer yet
      </span>
    );
  }
  return (
    <span className="nowrap">
      {offered.map((outcome) => (
        <button
          key={outcome}
          type="button"
          className={outcome === ReleaseOutcomes.Paid ? "button" : "button-secondary"}
          data-testid={`resolve-${outcome}`}
          disabled={!canAct || busy}
          title={canAct ? outcomeText(op, outcome) : why}
          onClick={() => choose({ op, outcome })}
        >
          {outcome === ReleaseOutcomes.Paid ? "Paid" : "Failed"}
        </button>
      ))}
    </span>
  );
}

export function DisputedReleases() {
  const { reader, signing, config } = useConsole();
  const disputed = useQuery({ queryKey: keys.unsettled, queryFn: () => reader.unsettledTransfers(), refetchInterval: config.refreshMs });
  const access = useAccess("lockManager");
  const usda = useDenomination("usda");
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<Choice>();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const resolve = useMutation({
    mutationFn: async (c: NonNullable<Choice>) => (await signing()).client.resolveRelease(c.op.operation, c.outcome, c.op.reference),
    onMutate: () => setResult(undefined),
    onSuccess: (_r, c) => {
      setChoice(undefined);
      setResult({ ok: true, text: `The ${c.op.kind} ${shortId(c.op.operation, 10, 4)} resolved as ${c.outcome}` });
    },
    onSettled: () => {
      for (const key of [keys.unsettled, keys.disputed, keys.pending, keys.reserves, keys.audit]) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const canAct = access.mode === "admin";
  const rows = disputed.data ?? [];
  const columns: Column<UnsettledTransfer>[] = [
    { header: "Kind", cell: (op) => op.kind },
    { header: "Operation", className: "mono", title: (op) => op.operation, cell: (op) => shortId(op.operation, 10, 4) },
    { header: "X-Reference", className: "mono", title: (op) => op.reference, cell: (op) => shortId(op.reference, 10, 4) },
    { header: "Status", cell: (op) => op.status },
    { header: "Holder", className: "mono", title: (op) => op.holder, cell: (op) => shortId(op.holder, 6, 4) },
    { header: "Amount", className: "mono nowrap", cell: (op) => `${usda.data === undefined ? op.quantity : formatAmount(op.quantity, usda.data, 12)} USDA` },
    { header: "Since", cell: (op) => formatTime(op.at) },
    { header: "Reason", className: "small", cell: (op) => op.reason },
    {
      header: <span className="sr-only">Actions</span>,
      cell: (op) => <VerdictActions op={op} canAct={canAct} busy={resolve.isPending} why={access.mode === "admin" ? undefined : access.reason} choose={setChoice} />,
    },
  ];
  return (
    <section className="card" aria-labelledby="disputed-title">
      <div className="card-head">
        <h2 id="disputed-title">Unconfirmed transfers</h2>
        <span className={`badge ${rows.length > 0 ? "badge-warn" : "badge-neutral"}`} data-testid="disputed-total">
          {disputed.data ? rows.length : "…"}
        </span>
      </div>
      <p className="muted small">{DISPUTE_REMEDY}</p>
      {result ? (
        <p className={result.ok ? "form-ok" : "form-error"} role="status" data-testid="resolve-status">
          {result.text}
        </p>
      ) : null}
      {disputed.isError ? <p className="form-error" role="alert">{errorText(disputed.error)}</p> : null}
      {disputed.data && rows.length === 0 ? (
        <p className="muted" data-testid="disputed-empty">
          No transfer awaits USDA.
        </p>
      ) : null}
      {rows.length > 0 ? (
        <DataTable rows={rows} columns={columns} rowKey={(op) => op.operation} rowAttributes={(op) => ({ "data-testid": "disputed-row", "data-operation": op.operation })} testId="disputed-table" />
      ) : null}
      <ConfirmDialog
        open={choice !== undefined}
        title={choice ? `Resolve the ${choice.op.kind} ${shortId(choice.op.operation, 10, 4)} as ${choice.outcome}?` : ""}
        confirmLabel={choice ? `Resolve as ${choice.outcome}` : "Confirm"}
        tone={choice?.outcome === ReleaseOutcomes.Failed ? "danger" : "normal"}
        busy={resolve.isPending}
        error={resolve.isError ? errorText(resolve.error) : undefined}
        onCancel={() => setChoice(undefined)}
        onConfirm={() => choice && resolve.mutate(choice)}
      >
        <p>{choice ? outcomeText(choice.op, choice.outcome) : null}</p>
      </ConfirmDialog>
    </section>
  );
}
