/**
 * What a standard AO token exposes (patch@1.0). Under `cache/`, bounded: `token-info` (name, ticker, denomination,
 * logo, supply) and one `balance-<account>` entry per holder. At the root of the state, the aos token blueprint's own
 * form, in the same evaluation as each change, so any AO wallet or explorer reads a TIM3 balance as it reads any
 * token's: `token-info`, and `balances` as a trie@1.0 of address → balance (permaweb/aos `blueprints/token.lua`:
 * `Send({ device = "patch@1.0", balances = { [address] = "<balance>" }, ["token-info"] = … })` after Transfer and
 * Mint; its token_lib variant's initial `balances = { device = "trie@1.0" }`). A trie member is one address: the
 * trie grows with the holders, each patch carries only the balances a message changed.
 */
import { BlueprintKeys, CacheKeys, balanceKey, fromInteger, Tags } from "@tim3/protocol";
import { coreEntries, type CacheEntries, type Exposure, type ExposureContext, type RootEntries, type RootExposure } from "../exposure";
import { balanceOf, lockedOf } from "./ledger";
import type { TokenState } from "./handlers";

interface TokenInfoView {
  name: string;
  ticker: string;
  denomination: string;
  logo: string;
  supply: string;
}

interface BalanceView {
  account: string;
  balance: string;
  /** The part held in escrow (mock USDA's Lock); "0" elsewhere. */
  locked: string;
}

function tokenInfoView(state: TokenState): TokenInfoView {
  return {
    name: state.token.name,
    ticker: state.token.ticker,
    denomination: fromInteger(state.token.denomination),
    logo: state.token.logo,
    supply: state.ledger.totalSupply,
  };
}

function balanceView(state: TokenState, account: string): BalanceView {
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

/** The blueprint form at the state's root: `token-info` and the `balances` trie (available balances, as aos's `Balances`). */
function blueprintRootExposure<S extends TokenState>(): RootExposure<S> {
  return {
    tries: [BlueprintKeys.Balances],
    all(state) {
      const balances: Record<string, string> = {};
      for (const account in state.ledger.balances) balances[account] = balanceOf(state.ledger, account);
      const out: RootEntries = {};
      out[BlueprintKeys.TokenInfo] = tokenInfoView(state);
      out[BlueprintKeys.Balances] = balances;
      return out;
    },
    touched(state, ids, _ctx, published) {
      const balances: Record<string, string> = {};
      for (const id of ids) {
        // As under cache/: holders, and once more (with its zero) an account that left the ledger; never strangers.
        if (state.ledger.balances[id] !== undefined || published(BlueprintKeys.Balances, id)) balances[id] = balanceOf(state.ledger, id);
      }
      const out: RootEntries = {};
      out[BlueprintKeys.TokenInfo] = tokenInfoView(state);
      out[BlueprintKeys.Balances] = balances;
      return out;
    },
  };
}

export function tokenExposure<S extends TokenState>(): Exposure<S> {
  return {
    root: blueprintRootExposure<S>(),
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
