/**
 * `<Action>-Error` replies and process failures as one typed error. Callers branch on `code` (a process's Error-Code
 * from libs/protocol's ErrorCodes, or one of ClientErrorCodes for what fails on this side); the message is for people.
 */
import { ErrorCodes, Tags, errorActionFor, type ErrorCode } from "@tim3/protocol";
import type { AoResult, Reply } from "./types";

/** Failures that happen in the client, not in a process. */
export const ClientErrorCodes = {
  /** The node could not be reached or kept failing. */
  Network: "Network",
  /** The call needs a signer (a wallet) and the client has none. */
  NoSigner: "No-Signer",
  /** The process answered nothing, or not the reply the call expects. */
  NoReply: "No-Reply",
  /** The process's handler raised (aos's `Error` field): nothing a process meant to send. */
  ProcessFailed: "Process-Failed",
  /** An operation did not finish within the time the caller allowed. */
  Timeout: "Timeout",
  /** A node answered a value that is not what TIM3 exposes (wrong shape, or another account's or operation's entry). */
  BadState: "Bad-State",
  /** An `<Action>-Error` without an Error-Code (a token that is not TIM3's, such as a blueprint USDA). */
  Uncoded: "Uncoded",
  /**
   * The node charges for messages and the signer has no credit there (HTTP 402): nothing was scheduled. The error's
   * `payment` names the address to top up, the node, and where its credit is read.
   */
  NodeCredit: "Node-Credit",
  /**
   * The admin's verdict on an unconfirmed transfer contradicts USDA's own result for the Lock Manager's Transfer, or
   * USDA has not computed it yet (a "failed" then pays twice when it lands): nothing was sent.
   */
  VerdictRefused: "Verdict-Refused",
} as const;
export type ClientErrorCode = (typeof ClientErrorCodes)[keyof typeof ClientErrorCodes];
export type Tim3ErrorCode = ErrorCode | ClientErrorCode;

const PROCESS_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCodes));

/** The Error-Code a reply carries, when it is one of the table's. */
export function errorCodeOf(reply: Reply): ErrorCode | undefined {
  const code = reply.tags[Tags.ErrorCode];
  return code !== undefined && PROCESS_CODES.has(code) ? (code as ErrorCode) : undefined;
}

export interface Tim3ErrorDetails {
  /** What failed, for programs: branch on this, never on the message text. */
  code: Tim3ErrorCode;
  /** The action that failed ("Transfer", "Pause", …), or "validate" / "timeout" / "network" for local failures. */
  action: string;
  /** Id of the message the process refused (its Message-Id tag), when there is one. */
  messageId?: string;
  /** The process that answered. */
  process?: string;
  /** The X-Request-Id echoed on the error, when there is one. */
  requestId?: string;
  /** The whole reply, for anything else a caller needs. */
  reply?: Reply;
  /** A charging node's refusal (code Node-Credit): whom to top up, where, and how. */
  payment?: NodePayment;
}

/** What a charging node's refusal tells the holder (HyperBEAM dev_p4 `request/3`: 402, price and balance). */
export interface NodePayment {
  /** The signer's address: the account to top up. */
  address: string;
  nodeUrl: string;
  /** Where the node's ledger serves the address's credit (`ledger~node-process@1.0`, as the aos CLI reads it). */
  balanceUrl: string;
  /** What the message costs and what the address holds, when the node said (in the node's own units). */
  price?: string;
  balance?: string;
}

export class Tim3Error extends Error {
  readonly code: Tim3ErrorCode;
  readonly action: string;
  readonly messageId?: string;
  readonly process?: string;
  readonly requestId?: string;
  readonly reply?: Reply;
  readonly payment?: NodePayment;

  constructor(message: string, details: Tim3ErrorDetails) {
    super(message);
    this.name = "Tim3Error";
    this.code = details.code;
    this.action = details.action;
    this.messageId = details.messageId;
    this.process = details.process;
    this.requestId = details.requestId;
    this.reply = details.reply;
    this.payment = details.payment;
  }
}

/**
 * A charging node's refusal as a Tim3Error (code Node-Credit) that says what to do: HyperBEAM's dev_p4 answers 402
 * (older nodes 429) "Insufficient funds" with the price and the signer's balance; the aos CLI tops a wallet up through
 * the node's `ledger~node-process@1.0` (`aos --topup`: AO sent to the node's ledger for this address), and the
 * credit is read at `/ledger~node-process@1.0/now/balance/<address>`.
 */
export function nodeCreditError(args: { nodeUrl: string; address: string; process?: string; body: string }): Tim3Error {
  const nodeUrl = args.nodeUrl.replace(/\/+$/, "");
  let price: string | undefined;
  let balance: string | undefined;
  try {
    const parsed = JSON.parse(args.body) as Record<string, unknown>;
    if (parsed.price !== undefined) price = String(parsed.price);
    if (parsed.balance !== undefined) balance = String(parsed.balance);
  } catch {
    // A text body: the node said no more than "Insufficient funds".
  }
  const payment: NodePayment = { address: args.address, nodeUrl, balanceUrl: `${nodeUrl}/ledger~node-process@1.0/now/balance/${args.address}`, price, balance };
  const said = price !== undefined ? ` (a message costs ${price}; ${args.address} has ${balance ?? "0"})` : "";
  return new Tim3Error(
    `The node ${nodeUrl} charges for messages and ${args.address} has no credit there${said}: nothing was sent. ` +
      `Top up ${args.address} at this node's ledger (ledger~node-process@1.0) — with the aos CLI: \`aos --topup\` with this wallet ` +
      `and AO_URL=${nodeUrl} — then try again. Its credit: ${payment.balanceUrl}`,
    { code: ClientErrorCodes.NodeCredit, action: "network", process: args.process, payment },
  );
}

/** The error reply for `action` among the replies, as a Tim3Error (the process's Error text is the message). */
export function errorFromReplies(action: string, replies: Reply[], process?: string): Tim3Error | undefined {
  const errorAction = errorActionFor(action);
  const reply = replies.find((r) => r.action === errorAction) ?? replies.find((r) => r.action?.endsWith("-Error") === true);
  if (reply === undefined) return undefined;
  return new Tim3Error(reply.tags[Tags.Error] ?? reply.data ?? `${action} failed`, {
    code: errorCodeOf(reply) ?? ClientErrorCodes.Uncoded,
    action,
    messageId: reply.tags[Tags.MessageId],
    process,
    requestId: reply.tags[Tags.XRequestId],
    reply,
  });
}

/** A CU-level failure (the handler raised): aos puts it in `Error`. */
export function errorFromResult(action: string, result: AoResult, process?: string): Tim3Error | undefined {
  if (result.Error === undefined || result.Error === null || result.Error === "") return undefined;
  const text = typeof result.Error === "string" ? result.Error : JSON.stringify(result.Error);
  return new Tim3Error(text, { code: ClientErrorCodes.ProcessFailed, action, process });
}
