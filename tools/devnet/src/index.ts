export * from "./server";
export * from "./up";
