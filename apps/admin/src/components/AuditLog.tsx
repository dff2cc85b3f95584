"use client";
/** The admin actions every process accepted (Get-Audit-Log), merged into one list, newest first. */
import { PeerTags } from "@tim3/protocol";
import type { ProcessRole } from "@tim3/sdk";
import Link from "next/link";
import { useState } from "react";
import { formatTime, shortId } from "@tim3/web";
import { DataTable, type Column } from "@tim3/web/react";
import { mergeAudit, type AuditRow } from "../lib/audit";
import { ROLES, ROLE_LABEL } from "../lib/roles";
import { useAuditLogs, useInfos } from "./hooks";

/** "A=1 B=2" details (Configure) one pair a line; anything else as it is. */
function Detail({ text }: { text: string }) {
  const parts = text.split(" ");
  if (parts.length < 2 || !parts.every((p) => /^[A-Za-z-]+=/.test(p))) return <>{text}</>;
  return (
    <>
      {parts.map((p) => (
        <span key={p} className="block mono">
          {p}
        </span>
      ))}
    </>
  );
}

/** The log's columns; `admin` is the State Manager's admin, badged where it acted. */
function columns(admin: string | undefined): Column<AuditRow>[] {
  return [
    { header: "When", className: "nowrap", cell: (r) => formatTime(r.at) },
    { header: "Process", className: "nowrap", cell: (r) => ROLE_LABEL[r.role] },
    {
      header: "Who",
      className: "mono nowrap",
      title: (r) => r.by,
      cell: (r) => (
        <>
          {shortId(r.by, 6, 4)}
          {r.by === admin ? <span className="badge badge-neutral">admin</span> : null}
        </>
      ),
    },
    { header: "Action", className: "nowrap", cell: (r) => <strong>{r.action}</strong> },
    { header: "Detail", className: "detail", title: (r) => `message ${r.messageId}`, cell: (r) => <Detail text={r.detail} /> },
  ];
}

export function AuditLog({ limit }: { limit?: number }) {
  const { logs, failed, loading } = useAuditLogs(50);
  const { infos } = useInfos();
  const [only, setOnly] = useState<ProcessRole | "all">("all");
  // Merged only once every log has answered (or failed): a partial merge would misorder the newest entries.
  const all = loading ? [] : mergeAudit(logs);
  const rows = (only === "all" ? all : all.filter((r) => r.role === only)).slice(0, limit ?? all.length);
  const admin = infos.stateManager?.[PeerTags.Admin];
  return (
    <section className="card" aria-labelledby="audit-title">
      <div className="card-head">
        <h2 id="audit-title">Audit log</h2>
        {limit === undefined ? (
          <label className="inline-field">
            <span>Process</span>
            <select value={only} onChange={(e) => setOnly(e.target.value as ProcessRole | "all")} data-testid="audit-filter">
              <option value="all">All processes</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <Link href="/audit/" className="small">
            Full log
          </Link>
        )}
      </div>
      {failed.length > 0 ? <p className="form-error">Could not read the log of: {failed.map((r) => ROLE_LABEL[r]).join(", ")}</p> : null}
      {loading ? <p className="muted">Loading…</p> : null}
      {!loading && rows.length === 0 ? (
        <p className="muted" data-testid="audit-empty">
          No admin actions yet.
        </p>
      ) : null}
      {rows.length > 0 ? (
        <DataTable
          rows={rows}
          columns={columns(admin)}
          rowKey={(r) => `${r.role}-${r.messageId}-${r.action}`}
          rowAttributes={(r) => ({ "data-testid": "audit-row", "data-action": r.action, "data-role": r.role })}
          testId="audit-table"
        />
      ) : null}
    </section>
  );
}
