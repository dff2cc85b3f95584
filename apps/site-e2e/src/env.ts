import { readE2eEnv, type DevnetReady } from "@tim3/e2e-kit";

/** What global-setup hands to the tests (through the E2E_ENV variable); adminKeyFile pauses and resumes. */
export interface E2eEnv extends DevnetReady {
  baseUrl: string;
  /** The holder's key, behind the injected test wallet. */
  testKeyFile: string;
  screenshots: string;
}

export const e2eEnv = (): E2eEnv => readE2eEnv<E2eEnv>("E2E_ENV");
