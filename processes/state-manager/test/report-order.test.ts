/** Reports can arrive out of order on AO; the State Manager applies only the newest from each reporter. */
import { describe, expect, it } from "vitest";
import { Actions, PeerTags, Tags } from "@tim3/protocol";
import { dispatch, type Message } from "@tim3/process-kit";
import { stateManagerHandlers } from "../src/handlers";
import { newStateManagerState } from "../src/state";

const TM = "T".repeat(43);
let n = 0;
const report = (supply: string, sequence: string): Message => ({
  id: `r${++n}`.padEnd(43, "x"), from: TM, owner: TM, timestamp: 1_800_000_000_000 + n, data: "",
  tags: { [Tags.Action]: Actions.ReportSupply, [Tags.Supply]: supply, [Tags.Sequence]: sequence },
});

describe("report order", () => {
  it("a late, older supply report does not overwrite a newer one", () => {
    const s = newStateManagerState("A".repeat(43), "1", "h");
    s.core.peers[PeerTags.TokenManager] = TM;
    const run = (m: Message) => dispatch(s, stateManagerHandlers, m, { self: "S".repeat(43), now: m.timestamp });
    run(report("250", "2"));
    expect(run(report("400", "1"))).toEqual([]);
    expect(s.reports.supply).toBe("250");
    run(report("300", "3"));
    expect(s.reports.supply).toBe("300");
    expect(run({ ...report("1", "x"), id: "bad".padEnd(43, "x") })[0].tags[Tags.Error]).toContain("Sequence");
    expect(s.reports.supply).toBe("300");
  });
});
