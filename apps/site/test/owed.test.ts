import { describe, expect, it } from "vitest";
import type { OwedReturns } from "@tim3/sdk/reads";
import { keptForYou } from "../src/lib/owed";

const id = (c: string) => c.repeat(43);
const processes = { usda: id("U"), tokenManager: id("T") };
const none = (): OwedReturns[] => (["lockManager", "tokenManager", "coordinator", "stateManager"] as const).map((role) => ({ role, process: id(role.charAt(0).toUpperCase()), owed: [] }));

describe("keptForYou", () => {
  it("nothing kept: zero totals and no process to claim from (the panel hides the line)", () => {
    expect(keptForYou(none(), processes)).toEqual({ usda: "0", tim3: "0", other: [], owing: [] });
  });

  it("sums each token exactly over the processes that keep it, and names those processes", () => {
    const list = none();
    list[1].owed = [{ token: processes.usda, quantity: "999999999999999999999" }];
    list[2].owed = [{ token: processes.usda, quantity: "1" }, { token: processes.tokenManager, quantity: "250000000000" }];
    list[3].owed = [{ token: id("X"), quantity: "7" }];
    expect(keptForYou(list, processes)).toEqual({
      usda: "1000000000000000000000",
      tim3: "250000000000",
      other: [{ token: id("X"), quantity: "7" }],
      owing: [list[1].process, list[2].process, list[3].process],
    });
  });
});
