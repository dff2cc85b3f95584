/**
 * Runs a fresh TIM3 devnet for the e2e (started by ./devnet.ts `startDevnet` as a child process, with tsx and the
 * "@tim3/source" condition): `devnet up` in a temp data dir (node, deploy, admin funded; the faucet on with mock-usda)
 * with the USDA named on the command line, then prints one line `E2E-DEVNET-READY {json}` and keeps running until
 * SIGTERM/SIGINT.
 */
import { up } from "@tim3/devnet";

const [dataDir, usda] = process.argv.slice(2);
// The kind is always named (never left to the TIM3_USDA a parent shell may have set): each story knows its USDA.
if (!dataDir || (usda !== "mock" && usda !== "blueprint")) throw new Error("usage: devnet-runner.ts <dataDir> mock|blueprint");

const running = await up({ dataDir, port: 0, usda, log: (l) => process.stderr.write(`[devnet] ${l}\n`) });
process.stdout.write(
  `E2E-DEVNET-READY ${JSON.stringify({ urls: running.urls, processes: running.processes, adminKeyFile: running.wallet.keyFile, admin: running.wallet.address })}\n`,
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void running.stop().finally(() => process.exit(0));
  });
}
