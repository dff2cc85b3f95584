import { ProcessesView } from "../../components/ProcessesView";

export default function ProcessesPage() {
  return (
    <>
      <h1 className="page-title">Processes</h1>
      <ProcessesView />
    </>
  );
}
