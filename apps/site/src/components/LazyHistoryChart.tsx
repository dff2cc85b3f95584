"use client";
/** The history chart, loaded after the first paint: its chart library is the largest part of the page's JavaScript. */
import dynamic from "next/dynamic";

export const LazyHistoryChart = dynamic(() => import("./HistoryChart").then((m) => m.HistoryChart), {
  ssr: false,
  loading: () => <p className="muted">Loading the chart…</p>,
});
