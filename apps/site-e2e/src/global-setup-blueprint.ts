/**
 * The blueprint story's global setup: a devnet whose USDA is the aos token blueprint's double (as the real USDA on
 * mainnet; `devnet up --usda blueprint`), see ./site-setup.ts. That token has no faucet, so the holder is funded with
 * a plain USDA Transfer from the dev wallet (which `up` minted 1000 with the token's test-only Mint): the way a holder
 * gets USDA on mainnet, and nothing the site does.
 */
import { toBaseUnits } from "@tim3/protocol";
import { createTim3Client, jwkAddress, nodeSigner } from "@tim3/sdk";
import { readJwk } from "@tim3/e2e-kit";
import { siteGlobalSetup } from "./site-setup";

/** What the holder is sent, in USDA (the mock's faucet gives as much). */
export const HOLDER_USDA = "100";

export default siteGlobalSetup({
  prefix: "tim3-site-e2e-blueprint-",
  usda: "blueprint",
  story: "blueprint",
  prepare: async ({ ready }, holderKeyFile) => {
    const dev = createTim3Client({ network: ready.urls, processes: ready.processes, signer: nodeSigner(readJwk(ready.adminKeyFile)), usdaForm: "blueprint" });
    const amount = toBaseUnits(HOLDER_USDA, await dev.denomination("usda"));
    if (!amount.ok) throw new Error(amount.error);
    // Answered with the token's Debit-Notice to the dev wallet: the holder's balance is patched in the same evaluation.
    await dev.transfer("usda", await jwkAddress(readJwk(holderKeyFile)), amount.value);
  },
});
