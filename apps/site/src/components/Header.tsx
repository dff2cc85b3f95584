"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useSite } from "./site-context";

export function shortAddress(a: string): string {
  return a.length > 14 ? `${a.slice(0, 6)}…${a.slice(-4)}` : a;
}

export function Header() {
  const { config, wallet } = useSite();
  const path = usePathname();
  const link = (href: string, label: string) => {
    const current = path === href || path === href.replace(/\/$/, "");
    return (
      <Link href={href} aria-current={current ? "page" : undefined} className={current ? "nav-link current" : "nav-link"}>
        {label}
      </Link>
    );
  };
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link href="/" className="brand" aria-label="TIM3 home">
          <span className="brand-mark" aria-hidden="true">T3</span> TIM3
        </Link>
        <nav aria-label="Main">
          {link("/", "Reserves")}
          {link("/wallet/", "Wallet")}
        </nav>
        <div className="header-meta">
          <span className={`badge ${config.network === "mainnet" ? "badge-good" : "badge-warn"}`} title="Network">
            {config.network === "mainnet" ? "AO mainnet" : `${config.network} devnet`}
          </span>
          {wallet.address ? (
            <span className="badge badge-neutral mono" title={wallet.address} data-testid="header-address">
              {shortAddress(wallet.address)}
            </span>
          ) : null}
        </div>
      </div>
    </header>
  );
}
