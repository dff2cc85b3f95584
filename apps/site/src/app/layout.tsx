import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { AppDocument } from "@tim3/web";
import { Providers } from "../components/Providers";
import "@tim3/web/base.css";
import "./globals.css";

export const metadata: Metadata = {
  title: "TIM3 — a token on AO backed 1:1 by USDA",
  description: "Live reserves, mint, redeem and transfer TIM3.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f172a" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <AppDocument footer={<footer className="site-footer">TIM3 · every TIM3 is backed by one USDA held by the Lock Manager process on AO</footer>}>
      <Providers>{children}</Providers>
    </AppDocument>
  );
}
