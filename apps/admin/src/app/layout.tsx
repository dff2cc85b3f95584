import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { AppDocument } from "@tim3/web";
import { Providers } from "../components/Providers";
import "@tim3/web/base.css";
import "./globals.css";

export const metadata: Metadata = {
  title: "TIM3 console",
  description: "Operators' console for TIM3: health, reserves, circuit breaker, limits, processes, pending operations, audit log.",
  robots: { index: false },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#111827" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <AppDocument>
      <Providers>{children}</Providers>
    </AppDocument>
  );
}
