export * from "./messages";
export * from "./module-id";
export * from "./aos-module";
export * from "./outbox";
export * from "./patch-state";
export * from "./aos-process";
export * from "./scheduler";
export * from "./relay";
