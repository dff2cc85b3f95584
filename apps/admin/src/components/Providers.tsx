"use client";
/** The console on the shared shell, under its header, with the read-only notice on every page. */
import { AppProviders } from "@tim3/web/react";
import type { ReactNode } from "react";
import { CONSOLE } from "./console-context";
import { AccessBanner, Header } from "./Header";

export function Providers({ children }: { children: ReactNode }) {
  return (
    <AppProviders shell={CONSOLE} header={<Header />} banner={<AccessBanner />}>
      {children}
    </AppProviders>
  );
}
