/** The Token Manager's state: TIM3's ledger. Supply changes only on the Coordinator's word. */
import { newCore, newLedger, newSeenIds, type SeenIds, type TokenState } from "@tim3/protocol";

/** Request ids already minted or burned: a retried command (Settle-Operation) never mints or burns twice. */
export const REQUEST_MEMORY = 10_000;

export interface TokenManagerState extends TokenState {
  minted: SeenIds;
  burned: SeenIds;
}

export const DEFAULT_DENOMINATION = 12;

export function newTokenManagerState(admin: string, version: string, sourceHash: string, denomination: number): TokenManagerState {
  return {
    core: newCore("TIM3 Token Manager", version, sourceHash, admin),
    token: { name: "TIM3", ticker: "TIM3", denomination, logo: "" },
    ledger: newLedger(),
    minted: newSeenIds(REQUEST_MEMORY),
    burned: newSeenIds(REQUEST_MEMORY),
  };
}
