import { describe, expect, it } from "vitest";
import { componentTone, healthLabel, healthTone } from "../src/health";

describe("health presentation", () => {
  it("grades the health score", () => {
    expect([healthTone(100), healthTone(80), healthTone(79), healthTone(50), healthTone(49)]).toEqual(["good", "good", "warn", "warn", "bad"]);
    expect(healthLabel(30)).toBe("Critical");
  });
  it("grades each component against its maximum", () => {
    expect([componentTone("backing", 50), componentTone("backing", 1), componentTone("pause", 0)]).toEqual(["good", "warn", "bad"]);
  });
});
