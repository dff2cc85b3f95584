"use client";
import { shortId } from "@tim3/web";
import { AppHeader } from "@tim3/web/react";
import { useSite } from "./site-context";

const LINKS: [string, string][] = [
  ["/", "Reserves"],
  ["/wallet/", "Wallet"],
];

export function Header() {
  const { wallet } = useSite();
  return (
    <AppHeader brand="TIM3" links={LINKS} mainnetTone="good">
      {wallet.address ? (
        <span className="badge badge-neutral mono" title={wallet.address} data-testid="header-address">
          {shortId(wallet.address, 6, 4)}
        </span>
      ) : null}
    </AppHeader>
  );
}
