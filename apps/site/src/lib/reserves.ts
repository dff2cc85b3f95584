/** How reserves and the health score are presented: levels, labels and badges. Pure, so it is unit-tested. */

export type Tone = "good" | "warn" | "bad" | "neutral";

export interface HealthComponents {
  backing: number;
  inFlight: number;
  freshness: number;
  pause: number;
}

/** Maximum points of each component (State Manager: 50 + 20 + 20 + 10 = 100). */
export const COMPONENT_MAX: Record<keyof HealthComponents, number> = { backing: 50, inFlight: 20, freshness: 20, pause: 10 };
export const COMPONENT_LABEL: Record<keyof HealthComponents, string> = {
  backing: "Backing",
  inFlight: "In-flight age",
  freshness: "Report freshness",
  pause: "Circuit",
};

export function healthTone(score: number): Tone {
  if (score >= 80) return "good";
  if (score >= 50) return "warn";
  return "bad";
}

export function healthLabel(score: number): string {
  const tone = healthTone(score);
  return tone === "good" ? "Healthy" : tone === "warn" ? "Degraded" : "Critical";
}

export function componentTone(key: keyof HealthComponents, points: number): Tone {
  const max = COMPONENT_MAX[key];
  if (points >= max) return "good";
  if (points > 0) return "warn";
  return "bad";
}

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
