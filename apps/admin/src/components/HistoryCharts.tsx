"use client";
/** Get-History as two recharts charts: TIM3 supply against USDA locked, and the health score over time. */
import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatTime, timeAxis } from "@tim3/web";
import { ErrorCard } from "@tim3/web/react";
import { chartRows } from "../lib/chart";
import { useDenomination, useHistory } from "./hooks";

export function HistoryCharts() {
  const history = useHistory(200);
  const usda = useDenomination("usda");
  if (history.isError) {
    return <ErrorCard title="History unavailable" error={history.error} />;
  }
  const loading = history.isPending || usda.data === undefined;
  const rows = loading ? [] : chartRows(history.data, usda.data);
  // Ticks on whole steps with distinct labels (one label when every point falls in the same second).
  const axis = timeAxis(rows.map((r) => r.at));
  const empty = (
    <p className="muted" data-testid="history-empty">
      {loading ? "Loading history…" : "No history yet: the State Manager records a point on every report (after the first mint)."}
    </p>
  );
  return (
    <section className="card" aria-labelledby="history-title">
      <div className="card-head">
        <h2 id="history-title">History</h2>
        <span className="muted small" data-testid="history-count">
          {rows.length} point{rows.length === 1 ? "" : "s"}
          {rows.length > 0 ? ` since ${formatTime(rows[0].at)}` : ""}
        </span>
      </div>
      {rows.length === 0 ? (
        empty
      ) : (
        <div className="charts">
          <figure className="chart" data-testid="chart-reserves" aria-label="TIM3 supply and USDA locked over time">
            <figcaption>TIM3 supply and USDA locked</figcaption>
            <div className="chart-box">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
                  <XAxis dataKey="at" type="number" scale="time" domain={["dataMin", "dataMax"]} ticks={axis.ticks} tickFormatter={axis.label} minTickGap={40} stroke="var(--muted)" fontSize={12} />
                  <YAxis stroke="var(--muted)" fontSize={12} width={64} />
                  <Tooltip labelFormatter={(v) => formatTime(Number(v))} />
                  <Legend />
                  <Line type="stepAfter" dataKey="supply" name="TIM3 supply" stroke="var(--accent)" strokeWidth={2} dot={rows.length < 30} isAnimationActive={false} />
                  <Line type="stepAfter" dataKey="collateral" name="USDA locked" stroke="var(--good)" strokeWidth={2} strokeDasharray="6 3" dot={rows.length < 30} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <figure className="chart" data-testid="chart-health" aria-label="Health score over time">
            <figcaption>Health score (0–100)</figcaption>
            <div className="chart-box">
              <ResponsiveContainer width="100%" height="100%">
                <AreaChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
                  <XAxis dataKey="at" type="number" scale="time" domain={["dataMin", "dataMax"]} ticks={axis.ticks} tickFormatter={axis.label} minTickGap={40} stroke="var(--muted)" fontSize={12} />
                  <YAxis domain={[0, 100]} stroke="var(--muted)" fontSize={12} width={40} />
                  <Tooltip labelFormatter={(v) => formatTime(Number(v))} />
                  <Area type="stepAfter" dataKey="health" name="Health" stroke="var(--warn)" fill="var(--warn-bg)" strokeWidth={2} dot={rows.length < 30} isAnimationActive={false} />
                </AreaChart>
              </ResponsiveContainer>
            </div>
          </figure>
        </div>
      )}
    </section>
  );
}
