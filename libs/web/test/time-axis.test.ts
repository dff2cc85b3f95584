import { describe, expect, it } from "vitest";
import { timeAxis } from "../src/time-axis";

const at = Date.UTC(2026, 11, 5, 14, 5, 9, 120);
const labels = (ats: number[], max?: number) => {
  const axis = timeAxis(ats, max);
  return axis.ticks.map(axis.label);
};

describe("the history chart's time axis", () => {
  it("shows one label when every point falls within one second, never the same label twice", () => {
    const ats = [at, at + 200, at + 450, at + 700];
    expect(labels(ats)).toHaveLength(1);
    expect(labels(ats)[0]).toBe(timeAxis(ats).label(at));
  });

  it("gives distinct labels, in order, for spans from a second to a year", () => {
    for (const span of [900, 1_000, 1_500, 2_400, 7_000, 61_000, 3_600_000, 86_399_000, 86_400_000, 40 * 86_400_000, 365 * 86_400_000]) {
      const ats = [at, at + span / 3, at + span];
      const axis = timeAxis(ats);
      const texts = axis.ticks.map(axis.label);
      expect(new Set(texts).size, `span ${span} ms: ${texts.join(", ")}`).toBe(texts.length);
      expect(texts.length, `span ${span} ms`).toBeGreaterThanOrEqual(1);
      expect(texts.length, `span ${span} ms`).toBeLessThanOrEqual(6);
      expect([...axis.ticks].sort((a, b) => a - b)).toEqual(axis.ticks);
      for (const t of axis.ticks) expect(t >= at && t <= at + span, `span ${span} ms: tick ${t} inside the data`).toBe(true);
    }
  });

  it("spreads several ticks over a span of a few minutes, on whole steps", () => {
    const axis = timeAxis([at, at + 5 * 60_000]);
    expect(axis.ticks.length).toBeGreaterThan(2);
    for (const t of axis.ticks) expect(t % 1000).toBe(0);
  });

  it("has no ticks without points", () => {
    expect(timeAxis([]).ticks).toEqual([]);
  });
});
