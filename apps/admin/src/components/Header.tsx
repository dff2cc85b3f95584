"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { shortId } from "@tim3/web";
import { useConsole } from "./console-context";
import { useAccess } from "./hooks";

const LINKS: [string, string][] = [
  ["/", "Dashboard"],
  ["/limits/", "Limits"],
  ["/processes/", "Processes"],
  ["/operations/", "Operations"],
  ["/audit/", "Audit log"],
];

export function Header() {
  const { config, wallet } = useConsole();
  const access = useAccess("stateManager");
  const path = usePathname();
  const current = (href: string) => path === href || path === href.replace(/\/$/, "");
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link href="/" className="brand" aria-label="TIM3 console home">
          <span className="brand-mark" aria-hidden="true">T3</span> TIM3 console
        </Link>
        <nav aria-label="Main">
          {LINKS.map(([href, label]) => (
            <Link key={href} href={href} aria-current={current(href) ? "page" : undefined} className={current(href) ? "nav-link current" : "nav-link"}>
              {label}
            </Link>
          ))}
        </nav>
        <div className="header-meta">
          <span className={`badge ${config.network === "mainnet" ? "badge-bad" : "badge-warn"}`} title="Network">
            {config.network === "mainnet" ? "AO mainnet" : `${config.network} devnet`}
          </span>
          {wallet.address ? (
            <>
              <span className="badge badge-neutral mono" title={wallet.address} data-testid="wallet-address" data-address={wallet.address}>
                {shortId(wallet.address, 6, 4)}
              </span>
              <span className={`badge ${access.mode === "admin" ? "badge-good" : "badge-neutral"}`} data-testid="role-badge">
                {access.mode === "admin" ? "Admin" : "Read-only"}
              </span>
              <button type="button" className="button button-ghost" onClick={() => void wallet.disconnect()}>
                Disconnect
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button"
              data-testid="connect-wallet"
              disabled={wallet.connecting || !wallet.available}
              title={wallet.available ? "Connect Wander" : "Wander is not installed"}
              onClick={() => void wallet.connect()}
            >
              {wallet.connecting ? "Connecting…" : "Connect Wander"}
            </button>
          )}
        </div>
      </div>
      {wallet.error ? (
        <p className="header-error" role="alert">
          {wallet.error}
        </p>
      ) : null}
    </header>
  );
}

/** The banner every page shows to a wallet that may not act. */
export function AccessBanner() {
  const access = useAccess("stateManager");
  if (access.mode === "admin") return null;
  return (
    <p className="notice" data-testid="read-only-banner" role="status">
      <strong>Read-only.</strong> {access.reason}: actions are disabled, and the processes accept them only from their admin.
    </p>
  );
}
