/** Mock USDA on aos: its state in the global MockUsda; the actions are listed in ./handlers. */
import { runProcess } from "@tim3/aos-kit";
import { Topology } from "@tim3/protocol";
import { mockUsdaExposure } from "./exposure";
import { mockUsdaHandlers } from "./handlers";
import { newMockUsdaState } from "./state";

runProcess(Topology.usda.luaGlobal, newMockUsdaState, mockUsdaHandlers, { exposure: mockUsdaExposure });
