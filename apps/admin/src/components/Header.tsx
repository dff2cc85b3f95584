"use client";
import { shortId } from "@tim3/web";
import { AppHeader } from "@tim3/web/react";
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
  const { wallet } = useConsole();
  const access = useAccess("stateManager");
  return (
    <AppHeader brand="TIM3 console" links={LINKS} mainnetTone="bad" alert={wallet.error}>
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
          disabled={wallet.connecting || !wallet.wanderAvailable}
          title={wallet.wanderAvailable ? "Connect Wander" : "Wander is not installed"}
          onClick={() => void wallet.connect("wander")}
        >
          {wallet.connecting ? "Connecting…" : "Connect Wander"}
        </button>
      )}
    </AppHeader>
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
