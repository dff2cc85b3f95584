/**
 * Returns kept as owed, seen and claimed through the SDK over a devnet (PROTOCOL.md "Returns are bounded…"; libs/protocol
 * returns.ts): a stranger sends the Token Manager USDA it never asked for, four times within the hour. The first three
 * come straight back; the fourth is kept as owed to the stranger, which `owedReturns` shows and `claimReturns` pays.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes, ReturnLimits } from "@tim3/protocol";
import { Tim3Error, createTim3Client, generateJwk, jwkAddress, nodeSigner, type OwedReturns, type Tim3Client } from "@tim3/sdk";
import { startDevnetProgram, units, type DevnetProgram } from "./devnet-program";

let devnet: DevnetProgram;

beforeAll(async () => {
  devnet = await startDevnetProgram();
});

afterAll(async () => {
  await devnet?.stop();
});

/** A read retried for up to 5 s until `done` (see integration.test.ts `settledRead` on the devnet's /now/ reads). */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 50 && !done(value); i++) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

const owing = (list: OwedReturns[]) => list.filter((p) => p.owed.length > 0);

describe("returns kept as owed, over a devnet", () => {
  it("a stranger's fourth unsolicited USDA within the hour is kept, shown as owed, paid on its claim; a second claim is Nothing-Owed", async () => {
    const jwk = await generateJwk();
    const stranger: Tim3Client = createTim3Client({ network: { nodeUrl: devnet.nodeUrl }, processes: devnet.processes, signer: nodeSigner(jwk), usdaForm: devnet.usdaForm });
    const address = await jwkAddress(jwk);
    await devnet.client.mintUsda(address, units("10"));
    expect(await until(() => stranger.balance("usda"), (b) => b === units("10"))).toBe(units("10"));
    expect(owing(await stranger.owedReturns())).toEqual([]);

    for (let i = 0; i <= ReturnLimits.perSender; i++) await stranger.transfer("usda", devnet.processes.tokenManager, units("1"));
    const owed = await until(() => stranger.owedReturns(), (l) => owing(l).length > 0);
    expect(owing(owed)).toEqual([{ role: "tokenManager", process: devnet.processes.tokenManager, owed: [{ token: devnet.processes.usda, quantity: units("1") }] }]);
    // The first three came back, the fourth is kept.
    expect(await until(() => stranger.balance("usda"), (b) => b === units("9"))).toBe(units("9"));

    const claimed = await stranger.claimReturns("tokenManager");
    expect(claimed.paid).toEqual([{ token: devnet.processes.usda, quantity: units("1") }]);
    expect(await until(() => stranger.balance("usda"), (b) => b === units("10"))).toBe(units("10"));
    expect(owing(await until(() => stranger.owedReturns(), (l) => owing(l).length === 0))).toEqual([]);

    const again = await stranger.claimReturns("tokenManager").catch((e: unknown) => e);
    expect(again).toBeInstanceOf(Tim3Error);
    expect((again as Tim3Error).code).toBe(ErrorCodes.NothingOwed);
  });
});
