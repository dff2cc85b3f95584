// The shared static-export config (@tim3/web/next-config).
import { appNextConfig } from "@tim3/web/next-config";

export default appNextConfig();
