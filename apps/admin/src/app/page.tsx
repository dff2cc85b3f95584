import { AuditLog } from "../components/AuditLog";
import { CircuitPanel } from "../components/CircuitPanel";
import { HealthPanel } from "../components/HealthPanel";
import { LazyHistoryCharts } from "../components/LazyHistoryCharts";

export default function DashboardPage() {
  return (
    <>
      <h1 className="page-title">Dashboard</h1>
      <HealthPanel />
      <div className="grid-side">
        <LazyHistoryCharts />
        <CircuitPanel />
      </div>
      <AuditLog limit={5} />
    </>
  );
}
