/**
 * What the TIM3 processes keep for the wallet past their return limit (libs/protocol returns.ts), as the wallet panel
 * shows it: one total per token, summed exactly over the processes that keep something, and which processes to claim from.
 */
import { add, type OwedTokens } from "@tim3/protocol";
import type { OwedReturns } from "@tim3/sdk/reads";

export interface KeptForYou {
  /** Base units; "0" when none kept. */
  usda: string;
  tim3: string;
  /** Tokens TIM3 does not know (not USDA, not TIM3), as kept: still claimable. */
  other: OwedTokens;
  /** The processes that keep something: the ones a claim is sent to. */
  owing: string[];
}

export function keptForYou(list: OwedReturns[], processes: { usda: string; tokenManager: string }): KeptForYou {
  const kept: KeptForYou = { usda: "0", tim3: "0", other: [], owing: [] };
  for (const p of list) {
    if (p.owed.length === 0) continue;
    kept.owing.push(p.process);
    for (const o of p.owed) {
      if (o.token === processes.usda) kept.usda = add(kept.usda, o.quantity);
      else if (o.token === processes.tokenManager) kept.tim3 = add(kept.tim3, o.quantity);
      else kept.other.push(o);
    }
  }
  return kept;
}
