/**
 * Every action name TIM3 sends or accepts. Processes, SDK and apps import these; no other file spells an action.
 * Public actions follow the aos token blueprint; internal ones are accepted only from the configured peer process.
 */
export const Actions = {
  // aos token blueprint (public)
  Info: "Info",
  Balance: "Balance",
  Balances: "Balances",
  Transfer: "Transfer",
  TotalSupply: "Total-Supply",
  DebitNotice: "Debit-Notice",
  CreditNotice: "Credit-Notice",
  TransferError: "Transfer-Error",
  Mint: "Mint",
  Burn: "Burn",
  Eval: "Eval",
  // mock-usda devnet extras (public)
  Faucet: "Faucet",
  SetFaucet: "Set-Faucet",
  SetFaucetDone: "Set-Faucet-Done",
  Lock: "Lock",
  Unlock: "Unlock",
  TransferLocked: "Transfer-Locked",
  // TIM3 flows (public, carried as X-Action on token transfers)
  Redeem: "Redeem",
  Refund: "Refund",
  Redeemed: "Redeemed",
  // TIM3 queries (public)
  GetOperation: "Get-Operation",
  GetOperations: "Get-Operations",
  GetReserves: "Get-Reserves",
  GetHealth: "Get-Health",
  GetHistory: "Get-History",
  GetLimits: "Get-Limits",
  GetAuditLog: "Get-Audit-Log",
  /** Anyone may ask the Lock Manager to check the USDA it really holds, to show USDA that came outside the protocol. */
  SyncBalance: "Sync-Balance",
  /**
   * A sender asks any TIM3 process for the tokens it kept instead of returning them (returns.ts: past
   * ReturnLimits.perSender returns in one window): all it is owed, one Transfer per token, X-Action = Refund.
   */
  ClaimReturns: "Claim-Returns",
  // admin (admin address only)
  Configure: "Configure",
  ConfigureDone: "Configure-Done",
  Pause: "Pause",
  Resume: "Resume",
  SetLimits: "Set-Limits",
  SettleOperation: "Settle-Operation",
  /** On the Lock Manager: the admin's verdict on a disputed release (Operation, Outcome = paid | failed). */
  ResolveRelease: "Resolve-Release",
  PauseDone: "Pause-Done",
  ResumeDone: "Resume-Done",
  SetLimitsDone: "Set-Limits-Done",
  SettleOperationDone: "Settle-Operation-Done",
  ResolveReleaseDone: "Resolve-Release-Done",
  MintDone: "Mint-Done",
  BurnDone: "Burn-Done",
  FaucetDone: "Faucet-Done",
  LockDone: "Lock-Done",
  UnlockDone: "Unlock-Done",
  TransferLockedDone: "Transfer-Locked-Done",
  // internal: lock-manager -> coordinator
  DepositReceived: "Deposit-Received",
  Released: "Released",
  ReleaseFailed: "Release-Failed",
  /** USDA answered a release's Transfer with a Transfer-Error, which anyone can cause: paid or not, the admin decides. */
  ReleaseDisputed: "Release-Disputed",
  // internal: coordinator -> lock-manager
  RefundDeposit: "Refund-Deposit",
  /** The Coordinator accepted a deposit for minting: it can never be refunded. */
  DepositAccepted: "Deposit-Accepted",
  Release: "Release",
  // internal: coordinator -> token-manager
  MintTim3: "Mint-Tim3",
  BurnTim3: "Burn-Tim3",
  // internal: token-manager -> coordinator
  Tim3Minted: "Tim3-Minted",
  Tim3Burned: "Tim3-Burned",
  // internal: reports to the state-manager
  ReportSupply: "Report-Supply",
  ReportCollateral: "Report-Collateral",
  ReportOperations: "Report-Operations",
  // internal: state-manager -> coordinator
  CircuitUpdate: "Circuit-Update",
} as const;

/** The reply to a failed `action`: the aos token blueprint's `Transfer-Error` generalised to every action. */
export function errorActionFor(action: string | undefined): string {
  if (action === undefined || action === "") return "Error";
  return action + "-Error";
}
