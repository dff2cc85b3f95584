/**
 * Automatic returns, bounded. Every TIM3 process sends back tokens it does not take (USDA without X-Action = Mint at
 * the Lock Manager, misdirected USDA or TIM3 anywhere else). A sender whose own automation sends every token back
 * would otherwise ping-pong with those returns for ever on one transfer (tests/flows/test/bounce-loop.test.ts). So a
 * process returns to the same sender at most `perSender` times per `windowMs` (by the Timestamp the scheduler stamps
 * on the incoming notice); past that it keeps the quantity as owed to that sender, durably and published
 * (`owedKey`), and pays it only on the sender's own `Claim-Returns`.
 */
export const ReturnLimits = {
  /** Returns to one sender within one window; the next is kept as owed. */
  perSender: 3,
  /**
   * Refunds of operations one sender asked for (each under its own request id) within one window; the next is kept as
   * owed. Far above what a holder retrying by hand meets, it stops an automation that answers each refund with a new
   * operation under a fresh request id while minting or redeeming is paused.
   */
  perSenderOperations: 100,
  /** The window, in milliseconds of message Timestamp: one hour. */
  windowMs: 3_600_000,
} as const;

/** What a process owes one sender, per token process: the published value of `owedKey(sender)`. */
export type OwedTokens = { token: string; quantity: string }[];
