/** Mock USDA's state: a standard token ledger, the devnet faucet's settings and claims, and escrow by locker. */
import { newCore, newLedger, type TokenState } from "@tim3/process-kit";

interface FaucetSettings {
  /** "0" means the faucet is off. */
  amount: string;
  periodMs: number;
  lastClaim: Record<string, number>;
}

export interface MockUsdaState extends TokenState {
  faucet: FaucetSettings;
  /** holder → locker → quantity held for that locker (the ledger keeps each holder's total in `locked`). */
  escrow: Record<string, Record<string, string>>;
}

const MOCK_USDA_DENOMINATION = 12;

export function newMockUsdaState(admin: string, version: string, sourceHash: string): MockUsdaState {
  return {
    core: newCore("Mock USDA", version, sourceHash, admin),
    token: { name: "Mock USDA", ticker: "USDA", denomination: MOCK_USDA_DENOMINATION, logo: "" },
    ledger: newLedger(),
    faucet: { amount: "0", periodMs: 86_400_000, lastClaim: {} },
    escrow: {},
  };
}
