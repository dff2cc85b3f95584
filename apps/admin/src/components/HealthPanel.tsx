"use client";
/** Health score with its four components, the reserves (ratio, surplus/deficit, in flight) and each reporter's freshness. */
import type { HealthComponents } from "@tim3/sdk";
import { useEffect, useState } from "react";
import { bpsToPercent, formatAge, formatAmount, formatTime, healthLabel, healthTone } from "@tim3/web";
import { ErrorCard, HealthBars } from "@tim3/web/react";
import { reporters } from "../lib/reserves";
import { useDenomination, useReserves } from "./hooks";

/** Re-renders every second so ages tick between refreshes. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

function Stat({ label, value, testId, tone, hint }: { label: string; value: string; testId: string; tone?: string; hint?: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd className={`mono ${tone ? `tone-text-${tone}` : ""}`} data-testid={testId} title={hint}>
        {value}
      </dd>
    </div>
  );
}

export function HealthPanel() {
  const reserves = useReserves();
  const usda = useDenomination("usda");
  const now = useNow();
  if (reserves.isError) {
    return <ErrorCard title="Reserves unavailable" error={reserves.error} />;
  }
  const r = reserves.data;
  if (r === undefined || usda.data === undefined) {
    return (
      <section className="card" aria-busy="true">
        <p className="muted">Loading reserves…</p>
      </section>
    );
  }
  const d = usda.data;
  const amount = (q: string) => formatAmount(q, d);
  const score = Math.max(0, Math.min(100, r.health));
  const tone = healthTone(score);
  const components = (r.components ?? {}) as Partial<HealthComponents>;
  return (
    <div className="grid-3">
      <section className="card" aria-labelledby="health-title">
        <div className="card-head">
          <h2 id="health-title">Health</h2>
          <span className={`badge badge-${tone}`}>{healthLabel(score)}</span>
        </div>
        <p className="score">
          <span className={`score-value tone-text-${tone}`} data-testid="health-score">
            {score}
          </span>
          <span className="muted"> / 100</span>
        </p>
        <HealthBars components={components} testIds />
      </section>

      <section className="card" aria-labelledby="reserves-title">
        <div className="card-head">
          <h2 id="reserves-title">Reserves</h2>
          <span className={`badge ${r.deficit === "0" ? "badge-good" : "badge-bad"}`}>{r.deficit === "0" ? "Fully backed" : "Deficit"}</span>
        </div>
        <dl className="stats">
          <Stat label="Reserve ratio" value={bpsToPercent(r.ratioBps)} testId="reserve-ratio" tone={r.deficit === "0" ? "good" : "bad"} hint="USDA locked / TIM3 supply" />
          <Stat label="TIM3 supply" value={amount(r.supply)} testId="reserve-supply" />
          <Stat label="USDA locked" value={amount(r.collateral)} testId="reserve-collateral" />
          <Stat label={r.deficit === "0" ? "Surplus" : "Deficit"} value={amount(r.deficit === "0" ? r.surplus : r.deficit)} testId="reserve-gap" tone={r.deficit === "0" ? undefined : "bad"} />
          <Stat label="Mint in flight" value={amount(r.mintInFlight)} testId="mint-in-flight" />
          <Stat label="Redeem in flight" value={amount(r.redeemInFlight)} testId="redeem-in-flight" />
          <Stat label="Pending operations" value={String(r.pendingCount)} testId="pending-count" />
          <Stat label="Oldest pending" value={r.pendingCount > 0 ? formatAge(r.oldestPendingAgeMs) : "—"} testId="oldest-pending" tone={r.stale ? "bad" : undefined} />
        </dl>
      </section>

      <section className="card" aria-labelledby="fresh-title">
        <div className="card-head">
          <h2 id="fresh-title">Report freshness</h2>
          <span className={`badge ${r.stale ? "badge-bad" : "badge-good"}`}>{r.stale ? "Stale" : "Fresh"}</span>
        </div>
        <ul className="reporters" data-testid="freshness">
          {reporters(r, now).map((rep) => (
            <li key={rep.key} data-state={rep.state}>
              <div>
                <strong>{rep.process}</strong>
                <span className="muted small block">reports {rep.reports}</span>
              </div>
              <div className="reporter-age">
                <span className={`badge badge-${rep.state === "fresh" ? "good" : rep.state === "stale" ? "bad" : "neutral"}`}>{rep.state}</span>
                <span className="muted small block" title={formatTime(rep.at)}>
                  {rep.ageMs === undefined ? "never reported" : `${formatAge(rep.ageMs)} ago`}
                </span>
              </div>
            </li>
          ))}
        </ul>
        <p className="muted small">A reporter is stale while operations stay pending past the State Manager&apos;s limit.</p>
      </section>
    </div>
  );
}
