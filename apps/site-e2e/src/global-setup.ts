/** The site story's global setup: a devnet with TIM3's mock-usda (faucet on); see ./site-setup.ts. */
import { siteGlobalSetup } from "./site-setup";

export default siteGlobalSetup({ prefix: "tim3-site-e2e-", usda: "mock" });
