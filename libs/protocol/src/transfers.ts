/** The Lock Manager's USDA transfers as the contract names them (compiled into Lua too; ./schemas is Node-only). */

/**
 * What each USDA transfer of the Lock Manager is for: a redeem's release, a refused deposit's refund, or a transfer
 * that was not a mint sent straight back.
 */
export const TransferKinds = { Release: "release", Refund: "refund", Return: "return" } as const;

/**
 * A transfer USDA has not confirmed: `sent` (no answer yet, or one that named no reference) or `disputed` (a
 * Transfer-Error echoed its reference, which anyone can cause). Either way only USDA's own result for the Lock
 * Manager's Transfer decides it: its Debit-Notice settles it by itself; the admin's Resolve-Release follows that result.
 */
export const TransferStates = { Sent: "sent", Disputed: "disputed" } as const;
export type TransferState = (typeof TransferStates)[keyof typeof TransferStates];
