import type { NextConfig } from "next";

/** The Next.js config both apps build with (static export, workspace root); `extra` is merged over it. */
export function appNextConfig(extra?: NextConfig): NextConfig;
