/**
 * The balances of a standard AO token, as exact decimal strings. Total supply always equals the sum of balances;
 * no operation lets a balance go negative or the supply pass 2^256-1.
 */
import { add, compare, ErrorCodes, exceedsMax, sub, type Failure } from "@tim3/protocol";

export interface Ledger {
  balances: Record<string, string>;
  /** The part of each balance held in escrow (mock-usda's Lock); it cannot be spent by its holder. */
  locked: Record<string, string>;
  totalSupply: string;
}

export function newLedger(): Ledger {
  return { balances: {}, locked: {}, totalSupply: "0" };
}

export function lockedOf(ledger: Ledger, account: string): string {
  return ledger.locked[account] ?? "0";
}

/** What the holder may move: balance minus the part in escrow. */
export function spendableOf(ledger: Ledger, account: string): string {
  return sub(balanceOf(ledger, account), lockedOf(ledger, account));
}

export function balanceOf(ledger: Ledger, account: string): string {
  return ledger.balances[account] ?? "0";
}

/** A reason the move cannot happen, or undefined when it can. */
export function checkDebit(ledger: Ledger, account: string, quantity: string): Failure | undefined {
  if (compare(spendableOf(ledger, account), quantity) < 0) {
    const error = lockedOf(ledger, account) === "0" ? "Insufficient balance" : "Insufficient unlocked balance";
    return { ok: false, error, code: ErrorCodes.InsufficientBalance };
  }
  return undefined;
}

export function checkMint(ledger: Ledger, quantity: string): Failure | undefined {
  if (exceedsMax(add(ledger.totalSupply, quantity))) return { ok: false, error: "Total supply would exceed 2^256-1", code: ErrorCodes.TooLarge };
  return undefined;
}

function setBalance(ledger: Ledger, account: string, value: string): void {
  if (value === "0") delete ledger.balances[account];
  else ledger.balances[account] = value;
}

/** Moves quantity; the caller has checked the debit. */
export function move(ledger: Ledger, from: string, to: string, quantity: string): void {
  setBalance(ledger, from, sub(balanceOf(ledger, from), quantity));
  setBalance(ledger, to, add(balanceOf(ledger, to), quantity));
}

/** Creates quantity for account; the caller has checked the mint. */
export function mint(ledger: Ledger, to: string, quantity: string): void {
  setBalance(ledger, to, add(balanceOf(ledger, to), quantity));
  ledger.totalSupply = add(ledger.totalSupply, quantity);
}

/** Destroys quantity of account; the caller has checked the debit. */
export function burn(ledger: Ledger, from: string, quantity: string): void {
  setBalance(ledger, from, sub(balanceOf(ledger, from), quantity));
  ledger.totalSupply = sub(ledger.totalSupply, quantity);
}

interface BalancePage {
  balances: Record<string, string>;
  nextCursor: string | undefined;
}

/** Holders in address order after `cursor`, at most `limit` of them. */
export function balancePage(ledger: Ledger, limit: number, cursor: string | undefined): BalancePage {
  const accounts: string[] = [];
  for (const account in ledger.balances) {
    if (cursor === undefined || account > cursor) accounts.push(account);
  }
  accounts.sort();
  const page: Record<string, string> = {};
  const n = accounts.length < limit ? accounts.length : limit;
  for (let i = 0; i < n; i++) page[accounts[i]] = ledger.balances[accounts[i]];
  return { balances: page, nextCursor: accounts.length > limit ? accounts[limit - 1] : undefined };
}
