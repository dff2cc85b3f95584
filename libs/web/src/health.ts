/** How the State Manager's health score and its components are presented: levels, labels and tones. */
import type { HealthComponents } from "@tim3/sdk";

export type Tone = "good" | "warn" | "bad" | "neutral";

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
  if (points >= COMPONENT_MAX[key]) return "good";
  return points > 0 ? "warn" : "bad";
}
