/** Tag names of the TIM3 protocol. Values of tags are always strings. */
export const Tags = {
  Action: "Action",
  Recipient: "Recipient",
  Target: "Target",
  Quantity: "Quantity",
  Sender: "Sender",
  Error: "Error",
  ErrorCode: "Error-Code",
  MessageId: "Message-Id",
  Balance: "Balance",
  Locked: "Locked",
  Ticker: "Ticker",
  Name: "Name",
  Denomination: "Denomination",
  Logo: "Logo",
  Account: "Account",
  Cast: "Cast",
  Limit: "Limit",
  Cursor: "Cursor",
  NextCursor: "Next-Cursor",
  Locker: "Locker",
  Holder: "Holder",
  RequestId: "Request-Id",
  Reason: "Reason",
  Scope: "Scope",
  Status: "Status",
  Kind: "Kind",
  Supply: "Supply",
  Version: "Version",
  SourceHash: "Source-Hash",
  /** Who aos lets Eval (and so upgrade) the process; TIM3 keeps it equal to the Admin. */
  Owner: "Owner",
  Paused: "Paused",
  Outcome: "Outcome",
  /** Which of its answers about a release the Lock Manager sends (ReleaseStages). */
  ReleaseStage: "Release-Stage",
  Since: "Since",
  Period: "Period",
  DepositId: "Deposit-Id",
  /**
   * The key of a mint or redeem, chosen by the processes, never by a holder: the id of the USDA Credit-Notice the
   * Lock Manager recorded (mint) or of the TIM3 Credit-Notice the Coordinator received (redeem).
   */
  Operation: "Operation",
  MintPaused: "Mint-Paused",
  RedeemPaused: "Redeem-Paused",
  Min: "Min",
  Max: "Max",
  HolderCap: "Holder-Cap",
  GlobalCap: "Global-Cap",
  WindowMs: "Window-Ms",
  MintInFlight: "Mint-In-Flight",
  RedeemInFlight: "Redeem-In-Flight",
  PendingCount: "Pending-Count",
  OldestPendingAt: "Oldest-Pending-At",
  Collateral: "Collateral",
  /** The USDA the Lock Manager really holds (its USDA balance), next to Collateral (what it holds for TIM3). */
  Held: "Held",
  /** The Lock Manager's ledger (USDA it counted for TIM3) when USDA reported Held: the gap between them is exact. */
  HeldLedger: "Held-Ledger",
  /** USDA of releases in dispute (sent, then answered by a Transfer-Error): counted neither as locked nor as paid. */
  Disputed: "Disputed",
  /** Orders reports and circuit updates from one sender, so a late, older one is ignored. */
  Sequence: "Sequence",
  RatioBps: "Ratio-Bps",
  Health: "Health",
  NextClaim: "Next-Claim",
  // forwarded user tags on token transfers
  XAction: "X-Action",
  XRequestId: "X-Request-Id",
  XReason: "X-Reason",
  /** Echoed by a blueprint token on the Debit-Notice or Transfer-Error of a transfer (msg.reply). */
  XReference: "X-Reference",
  /**
   * aos writes it on every message a process sends: the process's own send counter (permaweb/aos process/ao.lua
   * `ao.send`). It survives a node's re-signing, so it identifies a process's message across deliveries.
   */
  Reference: "Reference",
  /**
   * The same counter as the ao library before aos 2.0 wrote it (permaweb/ao dev-cli/container/src/ao.lua 0.0.4,
   * `ao.send`: `ao._ref`), which modules built then, and processes spawned on them, still write instead of Reference.
   */
  LegacyReference: "Ref_",
  /** A blueprint token sends a transfer's Debit-Notice and Transfer-Error here instead of to the sender. */
  ReplyTo: "Reply-To",
  /**
   * Resolve-Release: the X-Reference of the Lock Manager's Transfer the verdict is about (as `unsettled-transfers`
   * shows it and `usdaVerdict` judged it). Required to send a refund or return again: a verdict on an attempt that was
   * sent again already would otherwise apply to the new attempt and pay twice.
   */
  TransferReference: "Transfer-Reference",
  XPrefix: "X-",
} as const;

/** Pause scopes of the circuit breaker. */
export const Scopes = { Mint: "Mint", Redeem: "Redeem", All: "All" } as const;
export type Scope = (typeof Scopes)[keyof typeof Scopes];

export function parseScope(value: string | undefined): Scope | undefined {
  if (value === Scopes.Mint || value === Scopes.Redeem || value === Scopes.All) return value;
  return undefined;
}

/**
 * Lifecycle of a mint or redeem operation in the Coordinator. `disputed`: a redeem whose USDA transfer USDA answered
 * with a Transfer-Error that anyone could have caused; it waits for the admin (or USDA's Debit-Notice) to say whether
 * the USDA was paid (→ completed) or not (→ refunded, the TIM3 minted back).
 */
export const OperationStatus = { Pending: "pending", Completed: "completed", Refunded: "refunded", Disputed: "disputed" } as const;
export type OperationStatusName = (typeof OperationStatus)[keyof typeof OperationStatus];

/**
 * Outcome of Resolve-Release: USDA's own result for the Lock Manager's Transfer (`usdaVerdict`): paid with its
 * Debit-Notice, failed without. Never taken from balances.
 */
export const ReleaseOutcomes = { Paid: "paid", Failed: "failed" } as const;
export type ReleaseOutcome = (typeof ReleaseOutcomes)[keyof typeof ReleaseOutcomes];

/**
 * The Lock Manager's answers about one release come in stages: the first answer (Released, or Release-Failed when
 * nothing was locked), the dispute (Release-Disputed), the verdict on the dispute (Released or Release-Failed). The
 * Coordinator applies them in this order only, so an earlier answer that arrives late or again changes nothing.
 */
export const ReleaseStages = { First: "first", Disputed: "disputed", Verdict: "verdict" } as const;
export type ReleaseStage = (typeof ReleaseStages)[keyof typeof ReleaseStages];

/**
 * Why the State Manager paused Mint by itself (`Circuit.trip`): a release in dispute (which pauses Redeem too), the
 * backing broken, USDA reporting less than the Lock Manager's ledger, or reports gone stale.
 */
export const TripCauses = { Dispute: "dispute", Backing: "backing", Balance: "balance", Stale: "stale" } as const;
export type TripCause = (typeof TripCauses)[keyof typeof TripCauses];

export const OperationKind = { Mint: "mint", Redeem: "redeem" } as const;
export type OperationKindName = (typeof OperationKind)[keyof typeof OperationKind];

/** The two tokens of TIM3, by the names clients give them (the SDK's `balance("tim3", …)`). */
export const TokenNames = { Usda: "usda", Tim3: "tim3" } as const;
export type TokenName = (typeof TokenNames)[keyof typeof TokenNames];

/**
 * Mint and redeem, said once: for each kind of operation, the token the holder sends, the token they receive and the
 * pause Scope that stops it. The wire keeps two spellings (an operation record's `kind` "mint", the Scope tag "Mint");
 * the SDK's token names, the apps' forms and the CLI take the rest from this table.
 */
export const Flows = {
  [OperationKind.Mint]: { sends: TokenNames.Usda, receives: TokenNames.Tim3, scope: Scopes.Mint },
  [OperationKind.Redeem]: { sends: TokenNames.Tim3, receives: TokenNames.Usda, scope: Scopes.Redeem },
} as const satisfies Record<OperationKindName, { sends: TokenName; receives: TokenName; scope: Scope }>;

// The Configure/Info tags naming a process's peers (PeerTags) are derived from the topology table: see topology.ts.
