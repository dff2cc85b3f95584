/** The Token Manager's state: TIM3's ledger. Supply changes only on the Coordinator's word. */
import { newCore, newLedger, type TokenState } from "@tim3/protocol";

export type TokenManagerState = TokenState;

export const DEFAULT_DENOMINATION = 12;

export function newTokenManagerState(admin: string, version: string, sourceHash: string, denomination: number): TokenManagerState {
  return {
    core: newCore("TIM3 Token Manager", version, sourceHash, admin),
    token: { name: "TIM3", ticker: "TIM3", denomination, logo: "" },
    ledger: newLedger(),
  };
}
