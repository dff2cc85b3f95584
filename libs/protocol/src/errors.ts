/**
 * Every `<Action>-Error` carries an `Error-Code` tag from this table (the `Error` text stays for people). Clients
 * branch on the code, never on the text: rewording a message must not change what a client does.
 */
export const ErrorCodes = {
  /** A required tag or value is missing. */
  Missing: "Missing",
  /** A value has the wrong shape (not digits, leading zeros, not an address, not a known scope, …). */
  Malformed: "Malformed",
  /** A quantity is above 2^256-1, or a result would be. */
  TooLarge: "Too-Large",
  /** A quantity must be greater than 0. */
  NotPositive: "Not-Positive",
  /** An amount has more decimal places than the token's Denomination. */
  TooPrecise: "Too-Precise",
  /** A value is outside what this action accepts (a window, a page size, a faucet claim). */
  OutOfRange: "Out-Of-Range",
  /** The sender's (unlocked) balance is too small. */
  InsufficientBalance: "Insufficient-Balance",
  /** Only the admin may do this. */
  NotAdmin: "Not-Admin",
  /** Only the configured peer process may send this. */
  NotPeer: "Not-Peer",
  /** No such operation, deposit or record. */
  NotFound: "Not-Found",
  /** The name given fits more than one record (a request id several holders use): say which. */
  Ambiguous: "Ambiguous",
  /** The operation or deposit has already reached a final state. */
  AlreadyFinal: "Already-Final",
  /** The process is not configured for this yet, or the feature is off. */
  Unavailable: "Unavailable",
  /** A Claim-Returns from a sender this process owes nothing. */
  NothingOwed: "Nothing-Owed",
  /** Too soon: a rate limit (the faucet's period). */
  TooSoon: "Too-Soon",
  /** No handler for this Action. */
  UnknownAction: "Unknown-Action",
  /** A handler failed unexpectedly; nothing was changed. */
  Internal: "Internal",
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** A validation failure: the human text and its code. */
export interface Failure {
  ok: false;
  error: string;
  code: ErrorCode;
}
