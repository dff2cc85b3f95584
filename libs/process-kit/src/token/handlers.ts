/**
 * The aos token blueprint's public handlers, shared by mock-usda and token-manager:
 * Info, Balance, Balances (full or paged), Transfer, Total-Supply.
 */
import { Actions, ErrorCodes, fromInteger, isAddress, parseQuantity, Tags, type Failure } from "@tim3/protocol";
import { parseLimit } from "../limit";
import { forwardedTags, rejection, send, tagOf, type Message, type Outgoing } from "../message";
import { infoReply } from "../admin";
import { countForGood, rememberRefusal } from "../core";
import type { HasCore } from "../dispatch";
import { balanceOf, balancePage, checkDebit, move, type Ledger } from "./ledger";

const MAX_PAGE = 1000;

interface TokenMeta {
  name: string;
  ticker: string;
  denomination: number;
  logo: string;
}

export interface TokenState extends HasCore {
  token: TokenMeta;
  ledger: Ledger;
}

export function tokenInfo(state: TokenState, msg: Message, extra: Record<string, string>): Outgoing[] {
  const tags: Record<string, string> = {
    [Tags.Ticker]: state.token.ticker,
    [Tags.Denomination]: fromInteger(state.token.denomination),
    [Tags.Logo]: state.token.logo,
  };
  for (const k in extra) tags[k] = extra[k];
  return [infoReply(state, msg, tags)];
}

/** The account a query is about: Target, else Recipient, else the sender. */
export function queriedAccount(msg: Message): { ok: true; account: string } | Failure {
  const given = tagOf(msg, Tags.Target) ?? tagOf(msg, Tags.Recipient);
  if (given === undefined) return { ok: true, account: msg.from };
  if (!isAddress(given)) return { ok: false, error: "Target must be an address (got " + given + ")", code: ErrorCodes.Malformed };
  return { ok: true, account: given };
}

export function balanceReply(state: TokenState, msg: Message, account: string, extra: Record<string, string>): Outgoing {
  const balance = balanceOf(state.ledger, account);
  const out = send(msg.from, Actions.Balance, {
    [Tags.Balance]: balance,
    [Tags.Ticker]: state.token.ticker,
    [Tags.Account]: account,
  });
  for (const k in extra) out.tags[k] = extra[k];
  out.data = balance;
  return out;
}

export function balance(state: TokenState, msg: Message): Outgoing[] {
  const q = queriedAccount(msg);
  if (!q.ok) return [rejection(q.code, msg, q.error)];
  return [balanceReply(state, msg, q.account, {})];
}

export function balances(state: TokenState, msg: Message): Outgoing[] {
  const limitTag = tagOf(msg, Tags.Limit);
  const cursor = tagOf(msg, Tags.Cursor);
  if (limitTag === undefined && cursor === undefined) {
    return [balancesReply(msg, { [Tags.Ticker]: state.token.ticker }, state.ledger.balances)];
  }
  const limit = parseLimit(msg, MAX_PAGE, MAX_PAGE);
  if (!limit.ok) return [rejection(limit.code, msg, limit.error)];
  const page = balancePage(state.ledger, limit.value, cursor);
  const tags: Record<string, string> = { [Tags.Ticker]: state.token.ticker };
  if (page.nextCursor !== undefined) tags[Tags.NextCursor] = page.nextCursor;
  return [balancesReply(msg, tags, page.balances)];
}

/** Balances as a JSON object, also when empty (aos's JSON encoder writes an empty table as `[]`). */
function balancesReply(msg: Message, tags: Record<string, string>, balances: Record<string, string>): Outgoing {
  for (const _account in balances) return send(msg.from, Actions.Balances, tags, balances);
  const out = send(msg.from, Actions.Balances, tags);
  out.data = "{}";
  return out;
}

export function totalSupply(state: TokenState, msg: Message): Outgoing[] {
  const out = send(msg.from, Actions.TotalSupply, {
    [Tags.Ticker]: state.token.ticker,
    [Tags.Supply]: state.ledger.totalSupply,
  });
  out.data = state.ledger.totalSupply;
  return [out];
}

/** A transfer's Debit-Notice and Credit-Notice, with every X- tag of the request forwarded onto both. */
export function transferNotices(msg: Message, from: string, to: string, quantity: string): Outgoing[] {
  const forwarded = forwardedTags(msg);
  const debit = send(from, Actions.DebitNotice, { [Tags.Recipient]: to, [Tags.Quantity]: quantity });
  const credit = send(to, Actions.CreditNotice, { [Tags.Sender]: from, [Tags.Quantity]: quantity });
  for (const k in forwarded) {
    debit.tags[k] = forwarded[k];
    credit.tags[k] = forwarded[k];
  }
  debit.data = "You transferred " + quantity + " to " + to;
  credit.data = "You received " + quantity + " from " + from;
  return [debit, credit];
}

export function transfer(state: TokenState, msg: Message): Outgoing[] {
  const recipient = tagOf(msg, Tags.Recipient);
  if (recipient === undefined) return [rejection(ErrorCodes.Missing, msg, "Recipient is required")];
  if (!isAddress(recipient)) return [rejection(ErrorCodes.Malformed, msg, "Recipient must be an address (got " + recipient + ")")];
  const q = parseQuantity(msg.tags[Tags.Quantity], Tags.Quantity, true);
  if (!q.ok) return [rejection(q.code, msg, q.error)];
  const refused = checkDebit(state.ledger, msg.from, q.value);
  if (refused !== undefined) {
    // Refused for now: delivered again once the balance suffices, it must still be refused (see ProcessCore.refused).
    rememberRefusal(state.core, msg, state.ledger.balances[msg.from] !== undefined);
    return [rejection(refused.code, msg, refused.error)];
  }
  move(state.ledger, msg.from, recipient, q.value);
  // A transfer moved value: it must never move it again, however it is delivered again (see messageIdentity).
  countForGood(state.core, msg);
  if (msg.tags[Tags.Cast] !== undefined) return [];
  return transferNotices(msg, msg.from, recipient, q.value);
}
