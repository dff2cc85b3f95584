/**
 * Who may act: only the address each process names as its Admin (Info). Everyone else sees the console read-only;
 * the processes enforce it anyway ("Only the admin may do this").
 */
import { PeerTags } from "@tim3/protocol";
import type { ProcessRole } from "@tim3/sdk";

export type Access = { mode: "read-only"; reason: string } | { mode: "admin"; address: string };

/** Admin of `role` per its Info; undefined until Info is read. */
export function adminOf(infos: Partial<Record<ProcessRole, Record<string, string> | undefined>>, role: ProcessRole): string | undefined {
  return infos[role]?.[PeerTags.Admin];
}

export function accessFor(address: string | undefined, admin: string | undefined): Access {
  if (address === undefined) return { mode: "read-only", reason: "Connect the admin wallet to act" };
  if (admin === undefined) return { mode: "read-only", reason: "Waiting for the process's Info" };
  if (address !== admin) return { mode: "read-only", reason: "The connected wallet is not the admin" };
  return { mode: "admin", address };
}
