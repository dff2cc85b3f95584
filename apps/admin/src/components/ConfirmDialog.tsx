"use client";
/** A modal confirmation (native <dialog>) for admin actions, with an optional required reason. */
import { useEffect, useRef, useState, type ReactNode } from "react";

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** Ask for a reason (required, sent with the action). */
  reason?: { label: string; placeholder?: string };
  busy: boolean;
  error?: string;
  tone?: "danger" | "normal";
  onConfirm(reason: string): void;
  onCancel(): void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d === null) return;
    if (props.open && !d.open) {
      setReason("");
      setTouched(false);
      d.showModal();
    } else if (!props.open && d.open) d.close();
  }, [props.open]);

  const reasonError = props.reason !== undefined && reason.trim() === "" ? "Give a reason: it is logged and shown to holders" : undefined;
  const submit = () => {
    setTouched(true);
    if (reasonError !== undefined || props.busy) return;
    props.onConfirm(reason.trim());
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-title"
      data-testid="confirm-dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!props.busy) props.onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <h2 id="confirm-title">{props.title}</h2>
        <div className="dialog-body">{props.children}</div>
        {props.reason ? (
          <label className="field">
            <span>{props.reason.label}</span>
            <input
              name="reason"
              value={reason}
              maxLength={200}
              placeholder={props.reason.placeholder}
              aria-invalid={touched && reasonError !== undefined}
              aria-describedby={touched && reasonError ? "reason-error" : undefined}
              onChange={(e) => setReason(e.target.value)}
              autoFocus
            />
            {touched && reasonError ? (
              <span id="reason-error" className="field-error" role="alert">
                {reasonError}
              </span>
            ) : null}
          </label>
        ) : null}
        {props.error ? (
          <p className="form-error" role="alert" data-testid="confirm-error">
            {props.error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button button-ghost-dark" onClick={props.onCancel} disabled={props.busy}>
            Cancel
          </button>
          <button type="submit" className={props.tone === "danger" ? "button button-danger" : "button"} disabled={props.busy} data-testid="confirm-submit">
            {props.busy ? "Sending…" : props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
