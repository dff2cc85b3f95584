/** What a deploy will do, step by step (its own file: the deploy and the credit estimate both read it). */
import type { ProcessRole } from "@tim3/sdk";

export type Step =
  | { kind: "spawn"; role: ProcessRole; name: string; version: string; hash: string }
  | { kind: "update"; role: ProcessRole; id: string; fromVersion: string; toVersion: string; fromHash: string; toHash: string; forced: boolean }
  | { kind: "keep"; role: ProcessRole; id: string; version: string; hash: string }
  | { kind: "external"; role: ProcessRole; id: string };

export interface Plan {
  network: string;
  steps: Step[];
  /** Processes that get a Configure because they or a peer are new (more are added if Info shows missing wiring). */
  configure: ProcessRole[];
}
