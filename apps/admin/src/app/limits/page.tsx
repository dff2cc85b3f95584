import { LimitsEditor } from "../../components/LimitsEditor";

export default function LimitsPage() {
  return (
    <>
      <h1 className="page-title">Limits</h1>
      <p className="muted">
        The Coordinator refunds a mint or redeem outside these limits, with the reason. Amounts are exact: up to the token&apos;s
        12 decimals, no rounding.
      </p>
      <LimitsEditor />
    </>
  );
}
