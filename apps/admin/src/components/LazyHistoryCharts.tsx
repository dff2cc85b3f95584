"use client";
/** The history charts, loaded after the first paint: the chart library is the largest part of the page's JavaScript. */
import dynamic from "next/dynamic";

export const LazyHistoryCharts = dynamic(() => import("./HistoryCharts").then((m) => m.HistoryCharts), {
  ssr: false,
  loading: () => <p className="muted">Loading the charts…</p>,
});
