import { AuditLog } from "../components/AuditLog";
import { CircuitPanel } from "../components/CircuitPanel";
import { HealthPanel } from "../components/HealthPanel";
import { HistoryCharts } from "../components/HistoryCharts";

export default function DashboardPage() {
  return (
    <>
      <h1 className="page-title">Dashboard</h1>
      <HealthPanel />
      <div className="grid-side">
        <HistoryCharts />
        <CircuitPanel />
      </div>
      <AuditLog limit={5} />
    </>
  );
}
