/** 3. Handler time for Transfer and Balance at 10, 10,000 and 100,000 holders, and the process memory at each. */
import { Actions, Tags } from "@tim3/protocol";
import { AosProcess, Network, loadBundle, newId } from "@tim3/testing";
import { timed } from "./clock";

export interface ScalePoint {
  holders: number;
  transferMs: number;
  balanceMs: number;
  transferRatio: number;
  balanceRatio: number;
  heapBytes: number;
  luaKiB: number;
}

export async function benchScale(sizes = [10, 10_000, 100_000], runs = 300): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  for (const holders of sizes) {
    const net = new Network();
    const admin = newId();
    const p = await AosProcess.spawn({ owner: admin });
    await p.eval(loadBundle("mock-usda"), net.now());
    net.add(p.pid, p);
    const alice = newId();
    // Holders are written straight into the ledger (set-up, not what is measured), keeping supply = sum of balances.
    await p.eval(`local b = MockUsda.ledger.balances
for i = 1, ${holders - 1} do b[string.format("h%042d", i)] = "1000" end
b["${alice}"] = "1000000000"
MockUsda.ledger.totalSupply = tostring(${holders - 1} * 1000 + 1000000000)`);
    const transfer = await timed(async () => {
      for (let i = 0; i < runs; i++) {
        const to = `h${String((i % Math.max(1, holders - 1)) + 1).padStart(42, "0")}`;
        await net.send(alice, p.pid, { [Tags.Action]: Actions.Transfer, [Tags.Recipient]: to, [Tags.Quantity]: "1" });
      }
    });
    const balance = await timed(async () => {
      for (let i = 0; i < runs; i++) await net.send(alice, p.pid, { [Tags.Action]: Actions.Balance });
    });
    const luaKiB = await p.read<number>(`math.floor(collectgarbage("count"))`);
    points.push({
      holders,
      transferMs: +(transfer.ms / runs).toFixed(3),
      balanceMs: +(balance.ms / runs).toFixed(3),
      transferRatio: 1,
      balanceRatio: 1,
      heapBytes: p.heapBytes(),
      luaKiB,
    });
  }
  for (const point of points) {
    point.transferRatio = +(point.transferMs / points[0].transferMs).toFixed(2);
    point.balanceRatio = +(point.balanceMs / points[0].balanceMs).toFixed(2);
  }
  return points;
}
