export * from "./ledger";
export * from "./handlers";
export * from "./exposure";
