export { serveStatic, type StaticServer } from "./static-server.mjs";

/** A deploy state file's parts the config writers read. */
export interface DeployStateLike {
  network?: string;
  admin?: string;
  updatedAt?: string;
  urls?: { nodeUrl: string; scheduler?: string };
  processes?: Record<string, { id?: string; name?: string; version?: string; bundleHash?: string; external?: boolean } | undefined>;
  /** How the USDA publishes its state (libs/sdk's TokenForm). */
  usdaForm?: string;
}
export interface DevnetInfoLike {
  urls: { nodeUrl: string; scheduler?: string };
}
export interface SiteConfigJson {
  network: string;
  devnet: boolean;
  urls: { nodeUrl: string; scheduler?: string };
  processes: Record<"usda" | "tokenManager" | "lockManager" | "coordinator" | "stateManager", string>;
  usdaForm?: "tim3" | "blueprint";
  refreshMs: number;
}
export interface ConsoleConfigJson extends SiteConfigJson {
  deployment: {
    admin?: string;
    updatedAt: string;
    processes: Record<string, { id: string; name: string; version: string; bundleHash: string; external: boolean }>;
  };
}
export function siteConfig(state: DeployStateLike, devnetInfo?: DevnetInfoLike, refreshMs?: number): SiteConfigJson;
export function consoleConfig(state: DeployStateLike, devnetInfo?: DevnetInfoLike, refreshMs?: number): ConsoleConfigJson;
/** The body of each app's scripts/write-config.mjs; returns the exit code. */
export function writeConfigCli(options: { appDir: string; kind: "site" | "console"; argv?: string[] }): number;
