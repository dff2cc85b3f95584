import { readE2eEnv, type DevnetReady } from "@tim3/e2e-kit";

/** What global-setup hands to the tests (through the ADMIN_E2E_ENV variable); adminKeyFile is the console's admin wallet. */
export interface AdminE2eEnv extends DevnetReady {
  /** The console's static export, served with a /config.json for this devnet. */
  baseUrl: string;
  /** A holder's key: mints through the SDK, and is the non-admin wallet in the console. */
  holderKeyFile: string;
  /** The deploy state file the console's config was written from. */
  stateFile: string;
  screenshots: string;
}

export const adminE2eEnv = (): AdminE2eEnv => readE2eEnv<AdminE2eEnv>("ADMIN_E2E_ENV");
