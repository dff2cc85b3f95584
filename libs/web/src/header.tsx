/** The header bar both apps show: brand, their nav links, the network badge, and what each adds (wallet, role). */
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import type { Tone } from "./health";
import { useApp } from "./shell";

export interface AppHeaderProps {
  /** The name beside the mark ("TIM3", "TIM3 console"). */
  brand: string;
  /** [href, label] of each page, in order. */
  links: [string, string][];
  /** How the mainnet badge reads: reassuring on the site, a warning on the console. */
  mainnetTone: Tone;
  /** The app's own badges and buttons, at the end of the bar. */
  children?: ReactNode;
  /** A sentence announced under the bar (e.g. why the wallet did not connect). */
  alert?: string;
}

export function AppHeader({ brand, links, mainnetTone, children, alert }: AppHeaderProps) {
  const { config } = useApp();
  const path = usePathname();
  const current = (href: string) => path === href || path === href.replace(/\/$/, "");
  const mainnet = config.network === "mainnet";
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link href="/" className="brand" aria-label={`${brand} home`}>
          <span className="brand-mark" aria-hidden="true">
            T3
          </span>{" "}
          {brand}
        </Link>
        <nav aria-label="Main">
          {links.map(([href, label]) => (
            <Link key={href} href={href} aria-current={current(href) ? "page" : undefined} className={current(href) ? "nav-link current" : "nav-link"}>
              {label}
            </Link>
          ))}
        </nav>
        <div className="header-meta">
          <span className={`badge badge-${mainnet ? mainnetTone : "warn"}`} title="Network">
            {mainnet ? "AO mainnet" : `${config.network} devnet`}
          </span>
          {children}
        </div>
      </div>
      {alert ? (
        <p className="header-error" role="alert">
          {alert}
        </p>
      ) : null}
    </header>
  );
}
