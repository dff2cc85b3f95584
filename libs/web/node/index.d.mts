export { serveStatic, type StaticServer } from "./static-server.mjs";

import type { AppConfig, ConsoleConfig, DeployState } from "@tim3/protocol";

/** The running devnet's devnet.json: its URLs win over the state file's. */
export interface DevnetInfoLike {
  urls: AppConfig["urls"];
}
/** The site's config.json (libs/protocol's AppConfig). */
export type SiteConfigJson = AppConfig;
/** The console's config.json (libs/protocol's ConsoleConfig). */
export type ConsoleConfigJson = ConsoleConfig;
/** Both validate the state with libs/protocol's deployStateSchema first, and throw a sentence naming what is wrong. */
export function siteConfig(state: DeployState, devnetInfo?: DevnetInfoLike, refreshMs?: number): SiteConfigJson;
export function consoleConfig(state: DeployState, devnetInfo?: DevnetInfoLike, refreshMs?: number): ConsoleConfigJson;
/** The body of each app's scripts/write-config.mjs; returns the exit code. */
export function writeConfigCli(options: { appDir: string; kind: "site" | "console"; argv?: string[] }): number;
