"use client";
/** Each process as it describes itself (Info) — id, version, source hash, admin, peers — and drift against the deploy state. */
import { PeerTags, Tags } from "@tim3/protocol";
import { errorText, shortId } from "@tim3/web";
import { allDrift, peerViews } from "../lib/drift";
import { ROLES, ROLE_LABEL } from "../lib/roles";
import { useConsole } from "./console-context";
import { useInfos } from "./hooks";

export function ProcessesView() {
  const { config, wallet } = useConsole();
  const { infos, errors, loading } = useInfos();
  const deployment = config.deployment;
  // A process counts as unreachable only once its Info failed, not while it loads.
  const settled = Object.fromEntries(ROLES.filter((r) => infos[r] !== undefined || errors[r] !== undefined).map((r) => [r, infos[r]]));
  const issues = loading ? [] : allDrift(settled, config.processes, deployment);
  const admins = new Set(ROLES.map((r) => infos[r]?.[PeerTags.Admin]).filter((a): a is string => a !== undefined));
  return (
    <>
      <section className={`card ${issues.length > 0 ? "error-card" : ""}`} aria-labelledby="drift-title">
        <div className="card-head">
          <h2 id="drift-title">Drift</h2>
          <span className={`badge ${loading ? "badge-neutral" : issues.length === 0 ? "badge-good" : "badge-bad"}`} data-testid="drift-summary" data-count={loading ? undefined : issues.length}>
            {loading ? "Checking…" : issues.length === 0 ? "No drift" : `${issues.length} drift issue${issues.length === 1 ? "" : "s"}`}
          </span>
        </div>
        {deployment === undefined ? (
          <p className="muted">config.json has no deployment record: only the wiring between the processes is checked.</p>
        ) : (
          <p className="muted small">
            Compared with the deploy state file{deployment.updatedAt ? ` (updated ${deployment.updatedAt})` : ""}: ids, Version, Source-Hash,
            Admin and each process&apos;s peers.
          </p>
        )}
        {issues.length > 0 ? (
          <ul className="issues" data-testid="drift-issues">
            {issues.map((i) => (
              <li key={`${i.role}-${i.kind}-${i.tag ?? ""}`} data-kind={i.kind} data-role={i.role}>
                {i.message}
              </li>
            ))}
          </ul>
        ) : null}
        {admins.size > 1 ? <p className="form-error">The processes name different admins.</p> : null}
      </section>
      <div className="process-grid">
        {ROLES.map((role) => {
          const info = infos[role];
          const rec = deployment?.processes[role];
          const mine = issues.filter((i) => i.role === role);
          return (
            <section key={role} className="card process" data-testid={`process-${role}`} data-drift={mine.length} aria-labelledby={`p-${role}`}>
              <div className="card-head">
                <h2 id={`p-${role}`}>{ROLE_LABEL[role]}</h2>
                <span className={`badge ${info === undefined ? "badge-neutral" : mine.length === 0 ? "badge-good" : "badge-bad"}`}>
                  {info === undefined ? (errors[role] ? "unreachable" : "…") : mine.length === 0 ? "matches deploy" : `${mine.length} drift`}
                </span>
              </div>
              {errors[role] ? <p className="form-error">{errorText(errors[role])}</p> : null}
              <dl className="kv">
                <dt>Id</dt>
                <dd className="mono break" data-testid={`process-${role}-id`}>
                  {config.processes[role]}
                </dd>
                <dt>Name</dt>
                <dd>{info?.[Tags.Name] ?? "—"}</dd>
                <dt>Version</dt>
                <dd className="mono" data-testid={`process-${role}-version`}>
                  {info?.[Tags.Version] ?? "—"}
                  {rec && !rec.external && info && info[Tags.Version] !== rec.version ? <span className="tone-text-bad"> (deployed {rec.version})</span> : null}
                </dd>
                <dt>Source hash</dt>
                <dd className="mono" title={info?.[Tags.SourceHash]} data-testid={`process-${role}-hash`}>
                  {shortId(info?.[Tags.SourceHash], 16, 6)}
                </dd>
                <dt>Admin</dt>
                <dd className="mono" title={info?.[PeerTags.Admin]}>
                  {shortId(info?.[PeerTags.Admin], 10, 6)}
                  {wallet.address !== undefined && info?.[PeerTags.Admin] === wallet.address ? <span className="badge badge-good"> you</span> : null}
                </dd>
              </dl>
              {info !== undefined ? (
                <table className="peers" aria-label={`${ROLE_LABEL[role]} peers`}>
                  <thead>
                    <tr>
                      <th scope="col">Peer (as it sees them)</th>
                      <th scope="col">Id</th>
                      <th scope="col">
                        <span className="sr-only">Matches</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {peerViews(role, info, config.processes).map((p) => (
                      <tr key={p.tag} data-ok={p.ok}>
                        <td>{ROLE_LABEL[p.role]}</td>
                        <td className="mono" title={p.id}>
                          {shortId(p.id, 10, 4)}
                        </td>
                        <td className={p.ok ? "tone-text-good" : "tone-text-bad"} aria-label={p.ok ? "matches" : "differs"}>
                          {p.ok ? "✓" : "✗"}
                        </td>
                      </tr>
                    ))}
                    {peerViews(role, info, config.processes).length === 0 ? (
                      <tr>
                        <td colSpan={3} className="muted">
                          no peers
                        </td>
                      </tr>
                    ) : null}
                  </tbody>
                </table>
              ) : null}
            </section>
          );
        })}
      </div>
    </>
  );
}
