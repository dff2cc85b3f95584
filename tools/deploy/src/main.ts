/** The bundle's entry (nx build deploy -> dist/tim3-deploy.mjs, run by bin/deploy.mjs): the `tim3-deploy` command. */
import { runMain } from "./cli";

runMain(process.argv.slice(2));
