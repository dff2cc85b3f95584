/**
 * The Token Manager's state: TIM3's ledger. Supply changes only on the Coordinator's word.
 *
 * Exactly once: each Mint-Tim3 and Burn-Tim3 is keyed by the Coordinator's operation key (the id of a message the
 * protocol recorded, never a holder's request id) and remembered for good, so a retried or replayed command is
 * confirmed again and never mints or burns twice, however long after.
 */
import { newCore, newLedger, type TokenState } from "@tim3/process-kit";

export interface TokenManagerState extends TokenState {
  /** Operation keys already minted, kept for good. */
  mintedOps: Record<string, boolean>;
  /** Operation keys already burned, kept for good. */
  burnedOps: Record<string, boolean>;
}

export const DEFAULT_DENOMINATION = 12;

export function newTokenManagerState(admin: string, version: string, sourceHash: string, denomination: number): TokenManagerState {
  return {
    core: newCore("TIM3 Token Manager", version, sourceHash, admin),
    token: { name: "TIM3", ticker: "TIM3", denomination, logo: "" },
    ledger: newLedger(),
    mintedOps: {},
    burnedOps: {},
  };
}
