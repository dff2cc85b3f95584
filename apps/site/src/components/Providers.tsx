"use client";
/** The site on the shared shell, under its header. */
import { AppProviders } from "@tim3/web/react";
import type { ReactNode } from "react";
import { Header } from "./Header";
import { SITE } from "./site-context";

export function Providers({ children }: { children: ReactNode }) {
  return (
    <AppProviders shell={SITE} header={<Header />}>
      {children}
    </AppProviders>
  );
}
