/** How the site badges the circuit and the reserve ratio (health levels: @tim3/web). Pure, so it is unit-tested. */
import type { Tone } from "@tim3/web";

export interface Badge {
  label: string;
  tone: Tone;
}

export function circuitBadges(circuit: { mintPaused: boolean; redeemPaused: boolean; tripped?: boolean; reason?: string } | undefined): Badge[] {
  if (circuit === undefined) return [{ label: "Circuit unknown", tone: "neutral" }];
  const out: Badge[] = [
    { label: circuit.mintPaused ? "Mint paused" : "Mint open", tone: circuit.mintPaused ? "bad" : "good" },
    { label: circuit.redeemPaused ? "Redeem paused" : "Redeem open", tone: circuit.redeemPaused ? "bad" : "good" },
  ];
  if (circuit.tripped) out.push({ label: "Breaker tripped", tone: "bad" });
  return out;
}

/** Ratio tone: a deficit (collateral below supply) is bad; fully backed (with or without surplus) is good. */
export function ratioTone(deficit: string): Tone {
  return deficit === "0" ? "good" : "bad";
}
