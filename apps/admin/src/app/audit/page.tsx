import { AuditLog } from "../../components/AuditLog";

export default function AuditPage() {
  return (
    <>
      <h1 className="page-title">Audit log</h1>
      <AuditLog />
    </>
  );
}
