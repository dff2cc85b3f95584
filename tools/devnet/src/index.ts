export * from "./server";
export * from "./up";
export * from "./apps";
