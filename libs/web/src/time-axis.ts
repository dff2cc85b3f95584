/**
 * The history chart's time axis: which instants get a tick, and how each is labelled, so that no two ticks read the
 * same. Recharts' own ticks split the data's span evenly; when every point falls within one second they all print
 * the same "14:05:09". Here a tick sits on a whole step (1 s, 2 s, 5 s, … 1 day, …) chosen so that at most `maxTicks`
 * fit the span, and its label is as fine as the step: steps are whole seconds, so labels to the second differ.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEPS = [
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 182 * DAY, 365 * DAY,
];

export interface TimeAxis {
  /** Instants (ms since the epoch) to put a tick at, ascending, each with a label no other tick has. */
  ticks: number[];
  /** The tick label: the time to the second within a day's span, the date and minute beyond it. */
  label: (at: number) => string;
}

/** The axis for points at `ats` (ms since the epoch, any order). */
export function timeAxis(ats: readonly number[], maxTicks = 6): TimeAxis {
  const finite = ats.filter(Number.isFinite);
  if (finite.length === 0) return { ticks: [], label: timeOfDay };
  const first = Math.min(...finite);
  const last = Math.max(...finite);
  const span = last - first;
  const label = span < DAY ? timeOfDay : dayAndMinute;
  const step = STEPS.find((s) => Math.floor(span / s) + 1 <= maxTicks) ?? Math.ceil(span / maxTicks);
  const candidates: number[] = [];
  for (let at = Math.ceil(first / step) * step; at <= last; at += step) candidates.push(at);
  // No whole step inside the span (all points within one step, e.g. one second): one tick, at the first point.
  if (candidates.length === 0) candidates.push(first);
  // The guarantee, whatever the zone or calendar does to a step: a label already shown is not shown again.
  const seen = new Set<string>();
  const ticks = candidates.filter((at) => {
    const text = label(at);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
  return { ticks, label };
}

function timeOfDay(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

function dayAndMinute(at: number): string {
  return new Date(at).toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}
