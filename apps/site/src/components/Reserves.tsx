"use client";
import type { HealthComponents } from "@tim3/sdk";
import { bpsToPercent, errorText, formatAmount } from "@tim3/web";
import { circuitBadges, ratioTone } from "../lib/reserves";
import { HealthGauge } from "./HealthGauge";
import { useDenomination, useReserves } from "./hooks";

function Stat({ label, value, unit, tone, testId, hint }: { label: string; value: string; unit?: string; tone?: string; testId?: string; hint?: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd className={tone ? `tone-text-${tone}` : undefined} data-testid={testId}>
        {value}
        {unit ? <span className="unit"> {unit}</span> : null}
      </dd>
      {hint ? <dd className="muted small">{hint}</dd> : null}
    </div>
  );
}

/** Live reserves from the State Manager (Get-Reserves), refreshed on the configured interval. */
export function ReservesPanel() {
  const reserves = useReserves();
  const denomination = useDenomination("tim3");
  const r = reserves.data;
  const d = denomination.data;
  const updated = reserves.dataUpdatedAt ? new Date(reserves.dataUpdatedAt).toLocaleTimeString() : undefined;

  if (reserves.isError && r === undefined) {
    return (
      <section className="card" aria-labelledby="reserves-title">
        <h2 id="reserves-title">Reserves</h2>
        <p role="alert" className="error-text">
          Could not read the reserves: {errorText(reserves.error)}
        </p>
      </section>
    );
  }
  if (r === undefined || d === undefined) {
    return (
      <section className="card" aria-labelledby="reserves-title" aria-busy="true">
        <h2 id="reserves-title">Reserves</h2>
        <p className="muted" role="status">Reading the State Manager…</p>
      </section>
    );
  }
  const badges = circuitBadges(r.circuit);
  const components = (r as { components?: HealthComponents }).components;
  return (
    <section className="card reserves" aria-labelledby="reserves-title">
      <div className="card-head">
        <h2 id="reserves-title">Reserves</h2>
        <ul className="badges" aria-label="Circuit state" data-testid="circuit-badges">
          {badges.map((b) => (
            <li key={b.label} className={`badge badge-${b.tone}`}>
              {b.label}
            </li>
          ))}
          {r.stale ? <li className="badge badge-bad">Reports stale</li> : null}
        </ul>
      </div>
      {r.circuit?.reason ? (
        <p className="notice" data-testid="circuit-reason">
          Circuit note: {r.circuit.reason}
        </p>
      ) : null}
      <div className="reserves-grid">
        <dl className="stats">
          <Stat label="TIM3 supply" value={formatAmount(r.supply, d)} unit="TIM3" testId="reserve-supply" />
          <Stat label="USDA locked" value={formatAmount(r.collateral, d)} unit="USDA" testId="reserve-collateral" />
          <Stat
            label="Reserve ratio"
            value={bpsToPercent(r.ratioBps)}
            tone={ratioTone(r.deficit)}
            testId="reserve-ratio"
            hint={r.deficit !== "0" ? `Deficit ${formatAmount(r.deficit, d)} USDA` : r.surplus !== "0" ? `Surplus ${formatAmount(r.surplus, d)} USDA (not counted as backing)` : "Exactly 1:1"}
          />
          <Stat label="Mint in flight" value={formatAmount(r.mintInFlight, d)} unit="USDA" testId="reserve-mint-in-flight" />
          <Stat label="Redeem in flight" value={formatAmount(r.redeemInFlight, d)} unit="TIM3" testId="reserve-redeem-in-flight" />
          <Stat label="Pending operations" value={String(r.pendingCount)} testId="reserve-pending" />
          {r.disputed !== "0" ? (
            <Stat label="Disputed releases" value={formatAmount(r.disputed, d)} unit="USDA" tone="warn" testId="reserve-disputed" hint="Redeeming is paused until USDA confirms or the admin resolves them" />
          ) : null}
        </dl>
        <HealthGauge score={r.health} components={components} />
      </div>
      <p className="muted small" aria-live="polite">
        {reserves.isFetching ? "Refreshing…" : updated ? `Updated ${updated}` : ""}
        {reserves.isError ? ` · last refresh failed: ${errorText(reserves.error)}` : ""}
      </p>
    </section>
  );
}
