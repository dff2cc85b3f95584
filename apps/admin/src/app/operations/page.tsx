import { DisputedReleases } from "../../components/DisputedReleases";
import { PendingOperations } from "../../components/PendingOperations";

export default function OperationsPage() {
  return (
    <>
      <h1 className="page-title">Operations</h1>
      <PendingOperations />
      <DisputedReleases />
    </>
  );
}
