export * from "./ledger";
export * from "./handlers";
