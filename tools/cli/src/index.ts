export * from "./commands";
export { run, parseArgs } from "./cli";
