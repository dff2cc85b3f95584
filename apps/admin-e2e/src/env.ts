/** What global-setup hands to the tests (through the ADMIN_E2E_ENV variable). */
export interface AdminE2eEnv {
  /** The console's static export, served with a /config.json for this devnet. */
  baseUrl: string;
  urls: { gatewayUrl: string; muUrl: string; suUrl: string; cuUrl: string };
  processes: { usda: string; tokenManager: string; lockManager: string; coordinator: string; stateManager: string };
  /** The devnet admin (deployer) key: the console's admin wallet. */
  adminKeyFile: string;
  admin: string;
  /** A holder's key: mints through the SDK, and is the non-admin wallet in the console. */
  holderKeyFile: string;
  /** The deploy state file the console's config was written from. */
  stateFile: string;
  screenshots: string;
}

export function adminE2eEnv(): AdminE2eEnv {
  const raw = process.env.ADMIN_E2E_ENV;
  if (!raw) throw new Error("ADMIN_E2E_ENV is not set: run the tests through playwright (global-setup starts the devnet)");
  return JSON.parse(raw) as AdminE2eEnv;
}
