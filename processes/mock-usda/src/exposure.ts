/** What mock-usda exposes (patch@1.0): the standard token exposure of libs/protocol (token-info, balance-<account>, Info, audit log). */
import { tokenExposure } from "@tim3/process-kit";
import type { MockUsdaState } from "./state";

export const mockUsdaExposure = tokenExposure<MockUsdaState>();
