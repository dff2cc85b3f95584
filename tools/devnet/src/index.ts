export * from "./server";
export * from "./up";
export * from "./apps";
// For the bench's per-relay cost (tools/bench relay-signing.ts).
export { RelaySignatures } from "./node/relay-signature";
