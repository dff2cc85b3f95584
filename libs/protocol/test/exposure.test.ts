import { describe, expect, it } from "vitest";
import { PeerTags, Tags, exposedName, withExposedNames } from "../src/index";

describe("exposed field names", () => {
  it("are lowercase kebab-case, whether the name was a tag or a camelCase field", () => {
    expect(exposedName("requestId")).toBe("request-id");
    expect(exposedName("oldestPendingAgeMs")).toBe("oldest-pending-age-ms");
    expect(exposedName(Tags.SourceHash)).toBe("source-hash");
    expect(exposedName("ratioBps")).toBe("ratio-bps");
    expect(exposedName("supply")).toBe("supply");
    expect(exposedName("sha256Hex")).toBe("sha256-hex");
  });

  it("no two tag names the protocol defines publish as the same name", () => {
    const names = [...new Set([...Object.values(Tags), ...Object.values(PeerTags)])];
    expect(new Set(names.map(exposedName)).size).toBe(names.length);
  });

  it("apply at every depth and keep lists as lists, in order", () => {
    expect(withExposedNames({ requestId: "r", circuit: { mintPaused: true }, items: [{ createdAt: 1 }, { createdAt: 2 }] })).toEqual({
      "request-id": "r", circuit: { "mint-paused": true }, items: [{ "created-at": 1 }, { "created-at": 2 }],
    });
    expect(withExposedNames("Keep-Values")).toBe("Keep-Values");
  });
});
