"use client";
import type { HealthComponents } from "@tim3/sdk";
import { healthLabel, healthTone } from "@tim3/web";
import { HealthBars } from "@tim3/web/react";

/** A half-circle gauge of the 0-100 health score, and one bar per component (points of its maximum). */
export function HealthGauge({ score, components }: { score: number; components?: HealthComponents }) {
  const clamped = Math.max(0, Math.min(100, score));
  const tone = healthTone(clamped);
  const r = 80;
  const length = Math.PI * r;
  const filled = (length * clamped) / 100;
  return (
    <div className="gauge-wrap">
      <figure className="gauge" aria-labelledby="health-caption">
        <svg viewBox="0 0 200 115" role="img" aria-label={`Health score ${clamped} of 100: ${healthLabel(clamped)}`}>
          <path d="M 20 100 A 80 80 0 0 1 180 100" className="gauge-track" />
          <path
            d="M 20 100 A 80 80 0 0 1 180 100"
            className={`gauge-fill tone-${tone}`}
            strokeDasharray={`${filled} ${length}`}
          />
          <text x="100" y="88" textAnchor="middle" className="gauge-value" data-testid="health-score">
            {clamped}
          </text>
          <text x="100" y="108" textAnchor="middle" className="gauge-unit">
            of 100
          </text>
        </svg>
        <figcaption id="health-caption">
          Health: <strong className={`tone-text-${tone}`}>{healthLabel(clamped)}</strong>
        </figcaption>
      </figure>
      {components ? <HealthBars components={components} /> : null}
    </div>
  );
}
