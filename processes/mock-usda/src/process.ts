/** Mock USDA on aos: its state in the global MockUsda; the actions are listed in ./handlers. */
import { runProcess } from "@tim3/aos-kit";
import { mockUsdaExposure } from "./exposure";
import { mockUsdaHandlers } from "./handlers";
import { newMockUsdaState } from "./state";

runProcess("MockUsda", newMockUsdaState, mockUsdaHandlers, { exposure: mockUsdaExposure });
