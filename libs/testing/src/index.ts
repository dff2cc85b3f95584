export * from "./network";
export * from "./aos-module";
export * from "./aos-process";
export * from "./tim3";
export * from "./cache-server";
