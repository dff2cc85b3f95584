"use client";
/** The circuit breaker: Mint and Redeem state, the reason, and Pause/Resume by scope (admin only, confirmed). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Scopes, type Scope } from "@tim3/protocol";
import { useState } from "react";
import { errorText } from "@tim3/web";
import { circuitView } from "../lib/reserves";
import { ConfirmDialog } from "./ConfirmDialog";
import { useConsole } from "./console-context";
import { keys, useAccess, useReserves } from "./hooks";

type Pending = { action: "pause" | "resume"; scope: Scope } | undefined;

const SCOPE_TEXT: Record<Scope, string> = { Mint: "minting", Redeem: "redeeming", All: "minting and redeeming" };

export function CircuitPanel() {
  const { signing } = useConsole();
  const reserves = useReserves();
  const access = useAccess("stateManager");
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Pending>();
  const [done, setDone] = useState<string>();
  const mutation = useMutation({
    mutationFn: async (v: { action: "pause" | "resume"; scope: Scope; reason: string }) => {
      const { client } = await signing();
      return v.action === "pause" ? client.pause(v.scope, v.reason) : client.resume(v.scope);
    },
    onSuccess: (_r, v) => {
      setPending(undefined);
      setDone(`${v.action === "pause" ? "Paused" : "Resumed"} ${SCOPE_TEXT[v.scope]}`);
      void queryClient.invalidateQueries({ queryKey: keys.reserves });
      void queryClient.invalidateQueries({ queryKey: keys.limits });
      void queryClient.invalidateQueries({ queryKey: keys.audit });
    },
  });
  const c = circuitView(reserves.data?.circuit);
  const canAct = access.mode === "admin";
  const open = (action: "pause" | "resume", scope: Scope) => {
    mutation.reset();
    setDone(undefined);
    setPending({ action, scope });
  };
  const button = (action: "pause" | "resume", scope: Scope) => {
    const already = c !== undefined && scope !== Scopes.All && c[scope === Scopes.Mint ? "mint" : "redeem"] === (action === "pause" ? "paused" : "open");
    return (
      <button
        type="button"
        className={action === "pause" ? "button button-danger" : "button"}
        data-testid={`${action}-${scope.toLowerCase()}`}
        disabled={!canAct || already || mutation.isPending}
        title={!canAct ? access.reason : already ? `Already ${action === "pause" ? "paused" : "open"}` : undefined}
        aria-label={`${action === "pause" ? "Pause" : "Resume"} ${scope}`}
        onClick={() => open(action, scope)}
      >
        {action === "pause" ? "Pause" : "Resume"}
      </button>
    );
  };
  return (
    <section className="card" aria-labelledby="circuit-title" data-testid="circuit-panel">
      <div className="card-head">
        <h2 id="circuit-title">Circuit breaker</h2>
        {c?.tripped ? <span className="badge badge-bad">Tripped by the State Manager</span> : null}
      </div>
      {c === undefined ? (
        <p className="muted">Loading the circuit state…</p>
      ) : (
        <>
          <ul className="circuit-states">
            <li data-testid="circuit-mint" data-state={c.mint}>
              <span>Mint</span> <span className={`badge badge-${c.mint === "open" ? "good" : "bad"}`}>{c.mint}</span>
            </li>
            <li data-testid="circuit-redeem" data-state={c.redeem}>
              <span>Redeem</span> <span className={`badge badge-${c.redeem === "open" ? "good" : "bad"}`}>{c.redeem}</span>
            </li>
          </ul>
          <p className="small" data-testid="circuit-reason">
            {c.reason ? (
              <>
                Reason: <strong>{c.reason}</strong>
              </>
            ) : (
              <span className="muted">Nothing is paused.</span>
            )}
          </p>
          {c.remedy ? (
            <p className="small" data-testid="circuit-remedy">
              What to do: {c.remedy}
            </p>
          ) : null}
        </>
      )}
      <table className="controls" aria-label="Circuit controls">
        <tbody>
          {[Scopes.Mint, Scopes.Redeem, Scopes.All].map((scope) => (
            <tr key={scope}>
              <th scope="row">{scope}</th>
              <td>{button("pause", scope)}</td>
              <td>{button("resume", scope)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!canAct ? <p className="muted small" data-testid="circuit-readonly">{access.reason}</p> : null}
      {done ? (
        <p className="form-ok" role="status" data-testid="circuit-status">
          {done}
        </p>
      ) : null}
      <ConfirmDialog
        open={pending !== undefined}
        title={pending ? `${pending.action === "pause" ? "Pause" : "Resume"} ${SCOPE_TEXT[pending.scope]}?` : ""}
        confirmLabel={pending ? `${pending.action === "pause" ? "Pause" : "Resume"} ${pending.scope}` : "Confirm"}
        tone={pending?.action === "pause" ? "danger" : "normal"}
        reason={pending?.action === "pause" ? { label: "Reason (holders see it on refunds)", placeholder: "e.g. maintenance" } : undefined}
        busy={mutation.isPending}
        error={mutation.isError ? errorText(mutation.error) : undefined}
        onCancel={() => setPending(undefined)}
        onConfirm={(reason) => pending && mutation.mutate({ ...pending, reason })}
      >
        {pending?.action === "pause" ? (
          <p>
            The State Manager pauses {SCOPE_TEXT[pending.scope]} and tells the Coordinator, which refunds new requests with
            your reason until someone resumes.
          </p>
        ) : pending ? (
          <p>The Coordinator accepts new {SCOPE_TEXT[pending.scope]} requests again.</p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
