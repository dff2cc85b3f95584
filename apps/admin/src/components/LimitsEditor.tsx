"use client";
/** Mint and Redeem limits (Coordinator Get-Limits / Set-Limits) with inline validation; admin only, confirmed. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Scopes, Tags } from "@tim3/protocol";
import type { LimitsInput, TokenName } from "@tim3/sdk";
import { useEffect, useMemo, useState } from "react";
import { errorText, formatAge, formatAmount } from "@tim3/web";
import { ErrorCard } from "@tim3/web/react";
import { LIMIT_LABEL, describeLimit, limitsToForm, validateLimits, type LimitField, type LimitsForm, type LimitsTags } from "../lib/limits";
import { ConfirmDialog } from "./ConfirmDialog";
import { useConsole } from "./console-context";
import { keys, useAccess, useDenomination, useLimits } from "./hooks";

const FIELDS: LimitField[] = ["min", "max", "holderCap", "globalCap", "windowMs"];
const HINT: Record<LimitField, string> = {
  min: "Smallest amount per request (> 0).",
  max: "Largest amount per request; 0 = no maximum.",
  holderCap: "Per holder per window; 0 = no cap.",
  globalCap: "All holders per window; 0 = no cap.",
  windowMs: "Shared by Mint and Redeem.",
};

function ScopeForm({ scope, token, symbol, current }: { scope: typeof Scopes.Mint | typeof Scopes.Redeem; token: TokenName; symbol: string; current: LimitsTags }) {
  const { signing } = useConsole();
  const access = useAccess("coordinator");
  const denomination = useDenomination(token);
  const queryClient = useQueryClient();
  const d = denomination.data ?? 12;
  const initial = useMemo(() => limitsToForm(current, d), [current, d]);
  const [form, setForm] = useState<LimitsForm>(initial);
  const [dirty, setDirty] = useState(false);
  const [confirming, setConfirming] = useState<LimitsInput>();
  const [done, setDone] = useState<string>();
  useEffect(() => {
    if (!dirty) setForm(initial);
  }, [initial, dirty]);

  const check = useMemo(() => validateLimits(form, d, current), [form, d, current]);
  const errors = !check.ok && dirty ? check.errors : {};
  const mutation = useMutation({
    mutationFn: async (input: LimitsInput) => (await signing()).client.setLimits(scope, input),
    onSuccess: () => {
      setConfirming(undefined);
      setDirty(false);
      setDone(`${scope} limits saved`);
      void queryClient.invalidateQueries({ queryKey: keys.limits });
      void queryClient.invalidateQueries({ queryKey: keys.audit });
    },
  });
  const canAct = access.mode === "admin";
  const id = scope.toLowerCase();
  const amount = (q: string) => `${formatAmount(q, d, 12)} ${symbol}`;
  const summary = check.ok
    ? check.changed.map((f) => {
        const v = f === "windowMs" ? `${check.input.windowMs} ms (${formatAge(check.input.windowMs ?? 0)})` : describeLimit(check.input[f] as string, amount);
        return `${LIMIT_LABEL[f]}: ${v}`;
      })
    : [];

  return (
    <section className="card" aria-labelledby={`limits-${id}-title`} data-testid={`limits-${id}`}>
      <div className="card-head">
        <h2 id={`limits-${id}-title`}>{scope} limits</h2>
        <span className="muted small">amounts in {symbol}</span>
      </div>
      <dl className="current-limits" data-testid={`limits-${id}-current`}>
        <div>
          <dt>Min</dt>
          <dd className="mono">{describeLimit(current[Tags.Min], amount)}</dd>
        </div>
        <div>
          <dt>Max</dt>
          <dd className="mono" data-testid={`limits-${id}-current-max`}>{describeLimit(current[Tags.Max], amount)}</dd>
        </div>
        <div>
          <dt>Holder cap</dt>
          <dd className="mono">{describeLimit(current[Tags.HolderCap], amount)}</dd>
        </div>
        <div>
          <dt>Global cap</dt>
          <dd className="mono">{describeLimit(current[Tags.GlobalCap], amount)}</dd>
        </div>
        <div>
          <dt>Window</dt>
          <dd className="mono">{formatAge(Number(current[Tags.WindowMs]))}</dd>
        </div>
      </dl>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setDirty(true);
          setDone(undefined);
          if (check.ok && canAct) {
            mutation.reset();
            setConfirming(check.input);
          }
        }}
      >
        <fieldset disabled={!canAct || mutation.isPending} className="limit-fields">
          <legend className="sr-only">{scope} limits</legend>
          {FIELDS.map((f) => (
            <label key={f} className="field">
              <span>
                {LIMIT_LABEL[f]}
                {f === "windowMs" ? "" : ` (${symbol})`}
              </span>
              <input
                name={f}
                inputMode={f === "windowMs" ? "numeric" : "decimal"}
                autoComplete="off"
                value={form[f]}
                aria-invalid={errors[f] !== undefined}
                aria-describedby={`${id}-${f}-note`}
                onChange={(e) => {
                  setDirty(true);
                  setDone(undefined);
                  setForm({ ...form, [f]: e.target.value });
                }}
              />
              {errors[f] ? (
                <span id={`${id}-${f}-note`} className="field-error" role="alert" data-testid={`${id}-${f}-error`}>
                  {errors[f]}
                </span>
              ) : (
                <span id={`${id}-${f}-note`} className="muted small">
                  {HINT[f]}
                  {f === "windowMs" && /^[0-9]+$/.test(form.windowMs) ? ` = ${formatAge(Number(form.windowMs))}` : ""}
                </span>
              )}
            </label>
          ))}
        </fieldset>
        {errors.form ? (
          <p className="muted small" data-testid={`limits-${id}-form-note`}>
            {errors.form}
          </p>
        ) : null}
        <div className="control-row">
          <button type="submit" className="button" data-testid={`limits-${id}-save`} disabled={!canAct || !dirty || !check.ok || mutation.isPending} title={canAct ? undefined : access.reason}>
            Save {scope} limits
          </button>
          <button
            type="button"
            className="button button-ghost-dark"
            disabled={!dirty || mutation.isPending}
            onClick={() => {
              setForm(initial);
              setDirty(false);
            }}
          >
            Reset
          </button>
        </div>
        {!canAct ? <p className="muted small">{access.reason}</p> : null}
        {done ? (
          <p className="form-ok" role="status" data-testid={`limits-${id}-status`}>
            {done}
          </p>
        ) : null}
      </form>
      <ConfirmDialog
        open={confirming !== undefined}
        title={`Change ${scope} limits?`}
        confirmLabel="Save limits"
        busy={mutation.isPending}
        error={mutation.isError ? errorText(mutation.error) : undefined}
        onCancel={() => setConfirming(undefined)}
        onConfirm={() => confirming && mutation.mutate(confirming)}
      >
        <p>The Coordinator applies these to new {scope === Scopes.Mint ? "mints" : "redeems"} and refunds those outside them:</p>
        <ul>
          {summary.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </ConfirmDialog>
    </section>
  );
}

export function LimitsEditor() {
  const limits = useLimits();
  if (limits.isError) {
    return <ErrorCard title="Limits unavailable" error={limits.error} />;
  }
  if (limits.data === undefined) return <p className="muted">Loading limits…</p>;
  return (
    <div className="grid-2">
      <ScopeForm scope={Scopes.Mint} token="usda" symbol="USDA" current={limits.data.mint} />
      <ScopeForm scope={Scopes.Redeem} token="tim3" symbol="TIM3" current={limits.data.redeem} />
    </div>
  );
}
