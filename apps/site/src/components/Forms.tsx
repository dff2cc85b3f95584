"use client";
import { Flows, OperationKind, isAddress, type OperationKindName } from "@tim3/protocol";
import type { TokenName } from "@tim3/sdk";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { errorText, exactAmount, formatAmount, parseAmount } from "@tim3/web";
import { availability, recipientError, type Availability, type Circuit } from "../lib/availability";
import { AmountField } from "@tim3/web/react";
import { keys, useBalance, useDenomination } from "./hooks";
import { useSite } from "./site-context";

const SYMBOL: Record<TokenName, string> = { usda: "USDA", tim3: "TIM3" };

function Submit({ label, avail, pending, testId }: { label: string; avail: Availability; pending?: boolean; testId: string }) {
  const reasonId = useId();
  return (
    <div className="submit-row">
      <button type="submit" className="button" disabled={!avail.enabled || pending} aria-describedby={!avail.enabled ? reasonId : undefined} data-testid={testId}>
        {pending ? "Waiting for signature…" : label}
      </button>
      {!avail.enabled ? (
        <p id={reasonId} className="disabled-reason" data-testid={`${testId}-reason`}>
          {avail.reason}
        </p>
      ) : null}
    </div>
  );
}

/** Mint (USDA → TIM3) or redeem (TIM3 → USDA): an amount, validated exactly against the balance and the limits. */
export function FlowForm(props: {
  kind: OperationKindName;
  circuit?: Circuit;
  limits?: { min?: string; max?: string };
  onStart: (kind: OperationKindName, quantity: string) => Promise<void>;
}) {
  const { wallet } = useSite();
  const { sends: from, receives: to } = Flows[props.kind];
  const denomination = useDenomination(from);
  const balance = useBalance(from);
  const [value, setValue] = useState("");
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const d = denomination.data;
  const check = d === undefined ? undefined : parseAmount(value, d, { balance: balance.data, symbol: SYMBOL[from], ...props.limits });
  const error = touched && check && !check.ok ? check.error : undefined;
  const avail = availability(props.kind, { connected: wallet.address !== undefined, circuit: props.circuit });
  const title = props.kind === OperationKind.Mint ? "Mint TIM3" : "Redeem TIM3";

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!check?.ok || !avail.enabled) return;
    setBusy(true);
    try {
      await props.onStart(props.kind, check.quantity);
      setValue("");
      setTouched(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby={`${props.kind}-title`} data-testid={`${props.kind}-form`}>
      <h2 id={`${props.kind}-title`}>{title}</h2>
      <p className="muted small">
        {props.kind === "mint"
          ? "Send USDA to the Lock Manager; the same amount of TIM3 is minted to you."
          : "Send TIM3 to the Coordinator; it is burned and the same amount of USDA is released to you."}
      </p>
      <AmountField
        name={`${props.kind}-amount`}
        label={`Amount of ${SYMBOL[from]} to ${props.kind === "mint" ? "lock" : "redeem"}`}
        symbol={SYMBOL[from]}
        value={value}
        onChange={(v) => {
          setValue(v);
          setTouched(v.trim() !== "");
        }}
        error={error}
        onMax={balance.data !== undefined && d !== undefined ? () => { setValue(exactAmount(balance.data, d)); setTouched(true); } : undefined}
        disabled={!avail.enabled}
      />
      {check?.ok && d !== undefined ? (
        <p className="muted small">
          You receive {formatAmount(check.quantity, d, d)} {SYMBOL[to]}
        </p>
      ) : null}
      <Submit label={title} avail={avail} pending={busy} testId={`${props.kind}-submit`} />
    </form>
  );
}

export function TransferForm() {
  const { signing, wallet } = useSite();
  const queryClient = useQueryClient();
  const [token, setToken] = useState<TokenName>("tim3");
  const [recipient, setRecipient] = useState("");
  const [value, setValue] = useState("");
  const [touched, setTouched] = useState({ recipient: false, amount: false });
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  const denomination = useDenomination(token);
  const balance = useBalance(token);
  const recipientId = useId();
  const recipientErrId = useId();
  const tokenId = useId();
  const d = denomination.data;
  const check = d === undefined ? undefined : parseAmount(value, d, { balance: balance.data, symbol: SYMBOL[token] });
  const amountError = touched.amount && check && !check.ok ? check.error : undefined;
  const recipError = touched.recipient ? recipientError(recipient, wallet.address, isAddress) : undefined;
  const transfer = useMutation({
    mutationFn: async (v: { token: TokenName; recipient: string; quantity: string }) => (await signing()).client.transfer(v.token, v.recipient, v.quantity),
    onSuccess: (_sent, v) => {
      setStatus({ ok: true, text: `Sent ${formatAmount(v.quantity, d ?? 0, d ?? 0)} ${SYMBOL[v.token]} to ${v.recipient}` });
      setValue("");
      setTouched({ recipient: false, amount: false });
    },
    onError: (e) => setStatus({ ok: false, text: `Transfer failed: ${errorText(e)}` }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.balances }),
  });
  const avail = availability("transfer", { connected: wallet.address !== undefined });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched({ recipient: true, amount: true });
    setStatus(undefined);
    if (!check?.ok || recipientError(recipient, wallet.address, isAddress) || !avail.enabled) return;
    transfer.mutate({ token, recipient: recipient.trim(), quantity: check.quantity });
  };

  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="transfer-title" data-testid="transfer-form">
      <h2 id="transfer-title">Transfer</h2>
      <div className="field">
        <label htmlFor={tokenId}>Token</label>
        <select id={tokenId} value={token} onChange={(e) => setToken(e.target.value as TokenName)} disabled={!avail.enabled}>
          <option value="tim3">TIM3</option>
          <option value="usda">USDA</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={recipientId}>Recipient address</label>
        <input
          id={recipientId}
          name="recipient"
          type="text"
          autoComplete="off"
          spellCheck={false}
          className="mono"
          value={recipient}
          onChange={(e) => {
            setRecipient(e.target.value);
            setTouched((t) => ({ ...t, recipient: true }));
          }}
          aria-invalid={recipError ? true : undefined}
          aria-describedby={recipError ? recipientErrId : undefined}
          disabled={!avail.enabled}
        />
        <p id={recipientErrId} className="field-error" role={recipError ? "alert" : undefined}>
          {recipError ?? ""}
        </p>
      </div>
      <AmountField
        name="transfer-amount"
        label={`Amount of ${SYMBOL[token]}`}
        symbol={SYMBOL[token]}
        value={value}
        onChange={(v) => {
          setValue(v);
          setTouched((t) => ({ ...t, amount: v.trim() !== "" }));
        }}
        error={amountError}
        disabled={!avail.enabled}
      />
      <Submit label="Send" avail={avail} pending={transfer.isPending} testId="transfer-submit" />
      <p className={status?.ok === false ? "error-text" : "ok-text"} role="status" aria-live="polite" data-testid="transfer-status">
        {status?.text ?? ""}
      </p>
    </form>
  );
}
