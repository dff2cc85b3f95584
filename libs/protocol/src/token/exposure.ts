/**
 * What a standard AO token exposes (patch@1.0), as the aos token blueprint now does, but bounded: `token-info`
 * (name, ticker, denomination, logo, supply) and one `balance-<account>` entry per holder instead of one `balances`
 * table that grows with every holder.
 */
import { fromInteger } from "../quantity";
import { Tags } from "../tags";
import { CacheKeys, balanceKey, coreEntries, type CacheEntries, type Exposure, type ExposureContext } from "../process";
import { balanceOf, lockedOf } from "./ledger";
import type { TokenState } from "./handlers";

export interface TokenInfoView {
  name: string;
  ticker: string;
  denomination: string;
  logo: string;
  supply: string;
}

export interface BalanceView {
  account: string;
  balance: string;
  /** The part held in escrow (mock USDA's Lock); "0" elsewhere. */
  locked: string;
}

export function tokenInfoView(state: TokenState): TokenInfoView {
  return {
    name: state.token.name,
    ticker: state.token.ticker,
    denomination: fromInteger(state.token.denomination),
    logo: state.token.logo,
    supply: state.ledger.totalSupply,
  };
}

export function balanceView(state: TokenState, account: string): BalanceView {
  return { account, balance: balanceOf(state.ledger, account), locked: lockedOf(state.ledger, account) };
}

function tokenInfoTags(state: TokenState): Record<string, string> {
  return {
    [Tags.Ticker]: state.token.ticker,
    [Tags.Denomination]: fromInteger(state.token.denomination),
    [Tags.Logo]: state.token.logo,
  };
}

function fixedEntries(state: TokenState, ctx: ExposureContext, all: boolean): CacheEntries {
  const out = coreEntries(state, ctx, tokenInfoTags(state), all);
  out[CacheKeys.TokenInfo] = tokenInfoView(state);
  return out;
}

export function tokenExposure<S extends TokenState>(): Exposure<S> {
  return {
    all(state, ctx) {
      const out = fixedEntries(state, ctx, true);
      for (const account in state.ledger.balances) out[balanceKey(account)] = balanceView(state, account);
      return out;
    },
    touched(state, ids, ctx, published) {
      const out = fixedEntries(state, ctx, false);
      for (const id of ids) {
        const key = balanceKey(id);
        // A holder, or one who was (their balance went to zero and left the ledger): strangers are not published.
        if (state.ledger.balances[id] !== undefined || published(key)) out[key] = balanceView(state, id);
      }
      return out;
    },
    // Remembered while the account holds something, forgotten once its zero is sent: bounded by the holders.
    remembers: (key, entry) => key.startsWith(CacheKeys.BalancePrefix) && (entry as BalanceView).balance !== "0",
  };
}
