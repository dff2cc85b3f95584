/** The audit logs of all five processes as one list: newest first, each entry with the process that logged it. */
import type { AuditEntry, ProcessRole } from "@tim3/sdk";
import { ROLES } from "./roles";

export interface AuditRow extends AuditEntry {
  role: ProcessRole;
}

export function mergeAudit(logs: Partial<Record<ProcessRole, AuditEntry[] | undefined>>): AuditRow[] {
  const seen = new Set<string>();
  const rows: AuditRow[] = [];
  for (const role of ROLES) {
    for (const e of logs[role] ?? []) {
      const key = `${role}:${e.messageId}:${e.action}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({ ...e, role });
    }
  }
  const order = (r: ProcessRole) => ROLES.indexOf(r);
  return rows.sort((a, b) => b.at - a.at || order(a.role) - order(b.role) || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0));
}
