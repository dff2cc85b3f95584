/** The bundle's entry (nx build cli -> dist/tim3.mjs, run by bin/tim3.mjs): the `tim3` command. */
import { main } from "./cli";

main(process.argv.slice(2));
