export { serveStatic, type StaticServer } from "./static-server.mjs";

import type { AppConfig, ConsoleConfig } from "@tim3/protocol";

/** The parts of a deploy state file (libs/protocol's DeployState) the config writers read, each checked as it is read. */
export interface DeployStateLike {
  network?: string;
  admin?: string;
  updatedAt?: string;
  urls?: { nodeUrl: string; scheduler?: string };
  processes?: Record<string, { id?: string; name?: string; version?: string; bundleHash?: string; external?: boolean } | undefined>;
  /** How the USDA publishes its state (libs/protocol's TokenForm). */
  usdaForm?: string;
}
export interface DevnetInfoLike {
  urls: { nodeUrl: string; scheduler?: string };
}
/** The site's config.json (libs/protocol's AppConfig). */
export type SiteConfigJson = AppConfig;
/** The console's config.json (libs/protocol's ConsoleConfig). */
export type ConsoleConfigJson = ConsoleConfig;
export function siteConfig(state: DeployStateLike, devnetInfo?: DevnetInfoLike, refreshMs?: number): SiteConfigJson;
export function consoleConfig(state: DeployStateLike, devnetInfo?: DevnetInfoLike, refreshMs?: number): ConsoleConfigJson;
/** The body of each app's scripts/write-config.mjs; returns the exit code. */
export function writeConfigCli(options: { appDir: string; kind: "site" | "console"; argv?: string[] }): number;
