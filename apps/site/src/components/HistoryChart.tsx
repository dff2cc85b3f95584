"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { timeAxis, wholeUnits } from "@tim3/web";
import { useDenomination, useHistory } from "./hooks";

function time(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** Get-History: TIM3 supply and locked USDA (whole units) and the health score over time. */
export function HistoryChart() {
  const history = useHistory(100);
  const denomination = useDenomination("tim3");
  const points = history.data ?? [];
  if (history.isError) return <p className="muted">History is unavailable right now.</p>;
  if (denomination.data === undefined || history.isPending) return <p className="muted">Loading history…</p>;
  if (points.length < 2) return <p className="muted">Not enough history yet: the chart appears after a few reports.</p>;
  const d = denomination.data;
  const data = points.map((p) => ({
    at: p.at,
    supply: wholeUnits(p.supply, d),
    collateral: wholeUnits(p.collateral, d),
    health: p.health,
  }));
  const axis = timeAxis(data.map((p) => p.at));
  return (
    <figure className="chart" aria-label="Reserve history chart">
      <div style={{ width: "100%", height: 240 }}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
            <XAxis dataKey="at" type="number" scale="time" domain={["dataMin", "dataMax"]} ticks={axis.ticks} tickFormatter={axis.label} minTickGap={40} stroke="var(--muted)" fontSize={12} />
            <YAxis yAxisId="units" stroke="var(--muted)" fontSize={12} width={56} allowDecimals={false} />
            <YAxis yAxisId="health" orientation="right" domain={[0, 100]} stroke="var(--muted)" fontSize={12} width={32} />
            <Tooltip labelFormatter={(v) => time(Number(v))} />
            <Legend />
            <Line yAxisId="units" type="stepAfter" dataKey="supply" name="TIM3 supply" stroke="var(--accent)" dot={false} strokeWidth={2} isAnimationActive={false} />
            <Line yAxisId="units" type="stepAfter" dataKey="collateral" name="USDA locked" stroke="var(--good)" dot={false} strokeWidth={2} strokeDasharray="5 3" isAnimationActive={false} />
            <Line yAxisId="health" type="linear" dataKey="health" name="Health" stroke="var(--warn)" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted small">Supply and locked USDA in whole units (left axis); health score 0–100 (right axis).</figcaption>
    </figure>
  );
}
