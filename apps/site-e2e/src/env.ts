/** What global-setup hands to the tests (through the E2E_ENV variable). */
export interface E2eEnv {
  baseUrl: string;
  urls: { gatewayUrl: string; muUrl: string; suUrl: string; cuUrl: string };
  processes: { usda: string; tokenManager: string; lockManager: string; coordinator: string; stateManager: string };
  /** The devnet admin (deployer) key: pauses and resumes. */
  adminKeyFile: string;
  admin: string;
  /** The holder's key, behind the injected test wallet. */
  testKeyFile: string;
  screenshots: string;
}

export function e2eEnv(): E2eEnv {
  const raw = process.env.E2E_ENV;
  if (!raw) throw new Error("E2E_ENV is not set: run the tests through playwright (global-setup starts the devnet)");
  return JSON.parse(raw) as E2eEnv;
}
