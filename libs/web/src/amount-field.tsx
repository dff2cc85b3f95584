/** A labelled amount input with its unit, an optional Max button and its inline validation message (parseAmount). */
import { useId } from "react";

export interface AmountFieldProps {
  label: string;
  symbol: string;
  value: string;
  onChange: (v: string) => void;
  /** parseAmount's sentence, once the input has been touched: announced, and tied to the input. */
  error?: string;
  onMax?: () => void;
  name: string;
  disabled?: boolean;
}

export function AmountField(props: AmountFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field amount-field">
      <label htmlFor={id}>{props.label}</label>
      <div className="input-row">
        <input
          id={id}
          name={props.name}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          placeholder="0.0"
          value={props.value}
          disabled={props.disabled}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? errorId : undefined}
          onChange={(e) => props.onChange(e.target.value)}
        />
        <span className="input-suffix" aria-hidden="true">
          {props.symbol}
        </span>
        {props.onMax ? (
          <button type="button" className="button-ghost" onClick={props.onMax} disabled={props.disabled} aria-label={`Use the whole ${props.symbol} balance`}>
            Max
          </button>
        ) : null}
      </div>
      <p id={errorId} className="field-error" role={props.error ? "alert" : undefined}>
        {props.error ?? ""}
      </p>
    </div>
  );
}
